//go:build js && wasm && simd128

package gemm

// The SIMD128 kernel (simd128.wat), which site/simd.js instantiates on
// this program's memory and offers as the import module "nbsimd". Pointers
// cross as 32-bit addresses into that memory.

//go:wasmimport nbsimd ok
func kernelOK() int32

//go:wasmimport nbsimd dgemm
func kernelDgemm(c, a, b *float64, m, k, n, ars, acs int32)

// useKernel is whether the loader found wasm SIMD and instantiated the
// kernel; where it did not, the pure-Go kernels run, with the same bits.
var useKernel = kernelOK() != 0

// kernel computes C += A·B with the SIMD128 kernel, A(i,p) being
// a[i*ars+p*acs], and reports whether it did (false: no kernel loaded).
func kernel(c, a, b []float64, m, k, n, ars, acs int) bool {
	if !useKernel {
		return false
	}
	if m > 0 && n > 0 && k > 0 {
		kernelDgemm(&c[0], &a[0], &b[0], int32(m), int32(k), int32(n), int32(ars), int32(acs))
	}
	return true
}
