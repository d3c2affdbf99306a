// Compute worker bootstrap: runs worker.wasm (wasm/worker) in this Web
// Worker. Messages that arrive before Go starts are queued in nbQueue,
// which the Go program drains before it takes over onmessage.
"use strict";
importScripts("wasm_exec.js");
self.nbQueue = [];
self.onmessage = (e) => self.nbQueue.push(e);
const go = new Go();
WebAssembly.instantiateStreaming(fetch("worker.wasm"), go.importObject)
  .then((r) => go.run(r.instance))
  .then(() => self.postMessage({ type: "failed", message: "the compute worker stopped" }))
  .catch((e) => self.postMessage({ type: "failed", message: String(e) }));
