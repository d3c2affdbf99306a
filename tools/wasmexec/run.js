// go test's -exec runner for GOOS=js GOARCH=wasm test binaries built with
// the simd128 tag: Go's own runner (wasm_exec_node.js) plus the nbsimd
// imports of site/simd.js, with the kernel site/simd.wasm (make builds it).
// Usage: node run.js GOROOT TEST.wasm [args...]; the Makefile's test-wasm
// passes it as -exec. The stock runner cannot link the nbsimd imports.
"use strict";
const fs = require("fs");
const path = require("path");
const [goroot, binary, ...args] = process.argv.slice(2);
if (!goroot || !binary) {
  console.error("usage: node run.js GOROOT TEST.wasm [args...]");
  process.exit(2);
}
globalThis.require = require;
globalThis.fs = fs;
globalThis.path = path;
globalThis.TextEncoder = require("util").TextEncoder;
globalThis.TextDecoder = require("util").TextDecoder;
globalThis.performance ??= require("perf_hooks").performance;
globalThis.crypto ??= require("crypto");
require(path.join(goroot, "lib", "wasm", "wasm_exec.js"));
const site = path.join(__dirname, "..", "..", "site");
require(path.join(site, "simd.js"));

let kernel;
try {
  kernel = new WebAssembly.Module(fs.readFileSync(path.join(site, "simd.wasm")));
} catch (e) {
  console.error("tools/wasmexec: cannot load site/simd.wasm (" + e.message + "); build it with 'make site/simd.wasm'.");
  process.exit(2);
}
const go = new Go();
go.argv = [binary, ...args];
go.env = Object.assign({ TMPDIR: require("os").tmpdir() }, process.env);
go.exit = process.exit;
const attach = nbSIMD(go.importObject, kernel);
WebAssembly.instantiate(fs.readFileSync(binary), go.importObject).then((result) => {
  attach(result.instance);
  process.on("exit", (code) => {
    if (code === 0 && !go.exited) {
      // deadlock: make Go print the error and stack traces
      go._pendingEvent = { id: 0 };
      go._resume();
    }
  });
  return go.run(result.instance);
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
