//go:build js && wasm && simd128

package nn

import "noiseball/core/gemm"

// The rectifier's SIMD128 kernels, relu and relugrad in core/gemm's
// simd128.wat (one module holds every kernel of the worker), which
// site/simd.js offers as the import module "nbsimd" on this program's
// memory. Pointers cross as 32-bit addresses into that memory.

//go:wasmimport nbsimd relu
func kernelReLU(y, x *float64, n int32)

//go:wasmimport nbsimd relugrad
func kernelReLUGrad(dx, dy, y *float64, n int32)

// useKernel is whether the loader instantiated the kernel (gemm asks it
// once for the whole module); where it did not, the pure-Go twins run,
// with the same bits.
var useKernel = gemm.Kernel() == "simd128"

// reluKernel sets y = relu(x) on the SIMD kernel and reports whether it
// did; y and x have the same length.
func reluKernel(y, x []float64) bool {
	if !useKernel {
		return false
	}
	if len(x) > 0 {
		kernelReLU(&y[0], &x[0], int32(len(x)))
	}
	return true
}

// reluGradKernel sets dx[i] = y[i] > 0 ? dy[i] : 0 on the SIMD kernel and
// reports whether it did; the three have the same length.
func reluGradKernel(dx, dy, y []float64) bool {
	if !useKernel {
		return false
	}
	if len(y) > 0 {
		kernelReLUGrad(&dx[0], &dy[0], &y[0], int32(len(y)))
	}
	return true
}
