// Worker bootstrap: runs a Go program in this Web Worker. The page
// starts it as worker.js?program=P&runtime=R&glue=G&kernel=K: P is
// worker.wasm (wasm/worker, the compute worker) or fetcher.wasm (wasm/
// fetcher, the asset fetcher), R is wasm_exec.js, G is simd.js and K is
// simd.wasm (the SIMD matrix kernel, fetched only for a program that
// imports it; "none" runs Go's own kernels), each under the address the page gave (content-hashed
// names in a folder made by 'noiseball dist'). Messages that arrive
// before Go starts are queued in nbQueue, which the Go program drains
// before it takes over onmessage.
"use strict";
const query = new URLSearchParams(self.location.search);
// Only files beside this one: a name, no path and no other origin.
function sibling(name, fallback, ext) {
  return name && /^[A-Za-z0-9_-]+(\.[0-9a-f]+)?\.(wasm|js)$/.test(name) && name.endsWith(ext) ? name : fallback;
}
const program = sibling(query.get("program"), "worker.wasm", ".wasm");
importScripts(sibling(query.get("runtime"), "wasm_exec.js", ".js"));
importScripts(sibling(query.get("glue"), "simd.js", ".js"));
self.nbQueue = [];
self.onmessage = (e) => self.nbQueue.push(e);

// kernel compiles the SIMD kernel, or gives null where the browser has
// no wasm SIMD or the file cannot be had: Go then computes the same bits
// with its own kernels, more slowly.
async function kernel() {
  if (query.get("kernel") === "none") return null; // the page's ?kernel=go
  try {
    const resp = await fetch(sibling(query.get("kernel"), "simd.wasm", ".wasm"));
    if (!resp.ok) return null;
    return await WebAssembly.compileStreaming(resp);
  } catch (e) {
    return null;
  }
}

async function start() {
  const module = await WebAssembly.compileStreaming(fetch(program));
  const go = new Go();
  const wantsKernel = WebAssembly.Module.imports(module).some((i) => i.module === "nbsimd");
  const attach = nbSIMD(go.importObject, wantsKernel ? await kernel() : null);
  const instance = await WebAssembly.instantiate(module, go.importObject);
  attach(instance);
  await go.run(instance);
}

start()
  .then(() => self.postMessage({ type: "failed", message: "the " + program + " worker stopped" }))
  .catch((e) => self.postMessage({ type: "failed", message: String(e) }));
