// Worker bootstrap: runs a Go program in this Web Worker, worker.wasm
// (wasm/worker, the compute worker) or, as worker.js?fetcher.wasm, the
// asset fetcher (wasm/fetcher). Messages that arrive before Go starts
// are queued in nbQueue, which the Go program drains before it takes
// over onmessage.
"use strict";
importScripts("wasm_exec.js");
const program = /^\?[a-z]+\.wasm$/.test(self.location.search) ? self.location.search.slice(1) : "worker.wasm";
self.nbQueue = [];
self.onmessage = (e) => self.nbQueue.push(e);
const go = new Go();
WebAssembly.instantiateStreaming(fetch(program), go.importObject)
  .then((r) => go.run(r.instance))
  .then(() => self.postMessage({ type: "failed", message: "the " + program + " worker stopped" }))
  .catch((e) => self.postMessage({ type: "failed", message: String(e) }));
