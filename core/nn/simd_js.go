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

//go:wasmimport nbsimd maxpool2
func kernelPool2(y, x *float64, planes, h, w int32)

//go:wasmimport nbsimd maxpool2grad
func kernelPool2Grad(dx, dy, x *float64, planes, h, w int32)

// pool2Kernel is pool2Go on the SIMD kernel; it reports whether it ran.
func pool2Kernel(y, x []float64, planes, h, w int) bool {
	if !useKernel {
		return false
	}
	if n := planes * (h / 2) * (w / 2); n > 0 {
		_, _ = y[n-1], x[planes*h*w-1]
		kernelPool2(&y[0], &x[0], int32(planes), int32(h), int32(w))
	}
	return true
}

// pool2GradKernel is pool2GradGo on the SIMD kernel; it reports whether it
// ran.
func pool2GradKernel(dx, dy, x []float64, planes, h, w int) bool {
	if !useKernel {
		return false
	}
	if n := planes * (h / 2) * (w / 2); n > 0 {
		_, _, _ = dx[planes*h*w-1], dy[n-1], x[planes*h*w-1]
		kernelPool2Grad(&dx[0], &dy[0], &x[0], int32(planes), int32(h), int32(w))
	}
	return true
}
