//go:build !(js && wasm && simd128)

package gemm

// useKernel is false where no SIMD kernel is linked: natively, and in
// WebAssembly builds without the simd128 tag.
const useKernel = false

// kernel reports false: the pure-Go kernels compute everything.
func kernel(c, a, b []float64, m, k, n, ars, acs int) bool { return false }

// im2colKernel reports false: Conv.Im2Col runs in Go.
func im2colKernel(col, x []float64, g Conv) bool { return false }

// col2imKernel reports false: Conv.Col2Im runs in Go.
func col2imKernel(dx, dcol []float64, g Conv) bool { return false }

// convKernel is never called: Conv.Forward checks useKernel first.
func convKernel(y, w, pad []float64, out int, g Conv) {
	panic("gemm: no SIMD kernel in this build")
}

// conv32Kernel is never called: Conv.Forward32 checks useKernel first.
func conv32Kernel(y []float64, w32, pad []float32, out int, g Conv) {
	panic("gemm: no SIMD kernel in this build")
}

// convWGradKernel is never called: Conv.WeightGrad checks useKernel first.
func convWGradKernel(wt, dyt, pad []float64, out int, g Conv) {
	panic("gemm: no SIMD kernel in this build")
}
