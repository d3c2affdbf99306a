//go:build !(js && wasm && simd128)

package gemm

// useKernel is false where no SIMD kernel is linked: natively, and in
// WebAssembly builds without the simd128 tag.
const useKernel = false

// kernel reports false: the pure-Go kernels compute everything.
func kernel(c, a, b []float64, m, k, n, ars, acs int) bool { return false }
