// Package gemm holds the dense matrix-multiply kernels every layer of
// package nn is built on.
//
// Matrices are row-major float64 slices: element (i, j) of an m×n matrix A
// is A[i*n+j]. Each kernel accumulates into its destination,
//
//	C += A·B     (NN)
//	C += A·Bᵀ    (NT)
//	C += Aᵀ·B    (TN)
//
// so a caller that wants C = A·B clears C first. The kernels are scalar Go,
// register-blocked so that the compiler keeps eight independent
// accumulators live. Every product is rounded before it is added, written
// s += float64(x * y): the explicit conversion forbids the fused
// multiply-add that arm64 and GOAMD64=v3 would otherwise emit (wasm and
// amd64 at its default level never do), so a result is bit-for-bit the
// same on every machine and in the browser; tools/fmacheck keeps all of
// core/ that way.
//
// The summation order over k is fixed (increasing k, one accumulator per
// output element), so the kernels agree bit-for-bit with the plain triple
// loop in the tests, which is their oracle.
//
// Conv lowers a 2-D convolution to these products: Im2Col lays each
// output position's receptive field out as a column, Col2Im adds columns
// back onto the image (the input gradient). Conv.Forward32 is the one
// float32 computation: the forward pass summed in float32 (each product
// written float32(x * y)), twice the SIMD lanes of float64.
//
// In the browser, a worker built with -tags simd128 runs the kernels and
// the lowering in simd128.wat, a small WebAssembly module on Go's own
// memory (f64x2 lanes over neighbouring output columns, each element's
// sum still in the order above), imported through //go:wasmimport; the
// pure-Go kernels are its twins and its tests' oracle. Kernel names the
// kernels in use.
//
// Dimensions that do not match the slice lengths are caller bugs and panic
// with the prefix "gemm: ".
package gemm
