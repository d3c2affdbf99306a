// The SIMD kernel's glue, shared by the compute worker (worker.js) and the
// test runner for GOOS=js (tools/wasmexec/run.js). Go declares the import
// module "nbsimd" with //go:wasmimport (core/gemm/simd_js.go, and
// core/nn/simd_js.go for the rectifier); the kernel
// (simd.wasm, assembled from core/gemm/simd128.wat) must work on Go's own
// memory, which exists only once Go's instance does, so the imports are
// trampolines bound after instantiation:
//
//   const attach = nbSIMD(go.importObject, kernelModule);  // before
//   attach(instance);                                       // after, before go.run
//
// kernelModule is a compiled WebAssembly.Module, or null where the browser
// lacks wasm SIMD or the file could not be fetched: then ok() answers 0
// and Go computes with its pure-Go kernels, which give the same bits.
"use strict";
globalThis.nbSIMD = function (importObject, kernelModule) {
  let k = null;
  importObject.nbsimd = {
    ok: () => (k ? 1 : 0),
    dgemm: (c, a, b, m, kk, n, ars, acs) => k.dgemm(c, a, b, m, kk, n, ars, acs),
    convfwd: (y, w, pad, out, ch, kk, hp, wp, ho, wo) => k.convfwd(y, w, pad, out, ch, kk, hp, wp, ho, wo),
    convfwd32: (y, w, pad, out, ch, kk, hp, wp, ho, wo) => k.convfwd32(y, w, pad, out, ch, kk, hp, wp, ho, wo),
    convwgrad: (wt, dyt, pad, out, ch, kk, hp, wp, ho, wo) => k.convwgrad(wt, dyt, pad, out, ch, kk, hp, wp, ho, wo),
    im2col: (col, x, ch, h, w, kk, pad, ho, wo) => k.im2col(col, x, ch, h, w, kk, pad, ho, wo),
    col2im: (dx, dcol, ch, h, w, kk, pad, ho, wo) => k.col2im(dx, dcol, ch, h, w, kk, pad, ho, wo),
    relu: (y, x, n) => k.relu(y, x, n),
    relugrad: (dx, dy, y, n) => k.relugrad(dx, dy, y, n),
    maxpool2: (y, x, planes, h, w) => k.maxpool2(y, x, planes, h, w),
    maxpool2grad: (dx, dy, x, planes, h, w) => k.maxpool2grad(dx, dy, x, planes, h, w),
  };
  return (instance) => {
    if (kernelModule) {
      k = new WebAssembly.Instance(kernelModule, { go: { mem: instance.exports.mem } }).exports;
    }
  };
};
