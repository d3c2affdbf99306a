//go:build !(js && wasm && simd128)

package nn

// reluKernel reports false where no SIMD kernel is linked (natively, and
// in WebAssembly builds without the simd128 tag): the rectifier runs in Go.
func reluKernel(y, x []float64) bool { return false }

// reluGradKernel reports false: the rectifier's gradient runs in Go.
func reluGradKernel(dx, dy, y []float64) bool { return false }

// pool2Kernel reports false: 2×2 max-pooling runs in Go.
func pool2Kernel(y, x []float64, planes, h, w int) bool { return false }

// pool2GradKernel reports false: 2×2 max-pooling's gradient runs in Go.
func pool2GradKernel(dx, dy, x []float64, planes, h, w int) bool { return false }
