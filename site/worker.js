// Worker bootstrap: runs a Go program in this Web Worker. The page
// starts it as worker.js?program=P&runtime=R: P is worker.wasm (wasm/
// worker, the compute worker) or fetcher.wasm (wasm/fetcher, the asset
// fetcher), R is wasm_exec.js, each under the address the page gave
// (content-hashed names in a folder made by 'noiseball dist'). Messages
// that arrive before Go starts are queued in nbQueue, which the Go
// program drains before it takes over onmessage.
"use strict";
const query = new URLSearchParams(self.location.search);
// Only files beside this one: a name, no path and no other origin.
function sibling(name, fallback, ext) {
  return name && /^[A-Za-z0-9_-]+(\.[0-9a-f]+)?\.(wasm|js)$/.test(name) && name.endsWith(ext) ? name : fallback;
}
const program = sibling(query.get("program"), "worker.wasm", ".wasm");
importScripts(sibling(query.get("runtime"), "wasm_exec.js", ".js"));
self.nbQueue = [];
self.onmessage = (e) => self.nbQueue.push(e);
const go = new Go();
WebAssembly.instantiateStreaming(fetch(program), go.importObject)
  .then((r) => go.run(r.instance))
  .then(() => self.postMessage({ type: "failed", message: "the " + program + " worker stopped" }))
  .catch((e) => self.postMessage({ type: "failed", message: String(e) }));
