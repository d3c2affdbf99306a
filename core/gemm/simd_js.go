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

//go:wasmimport nbsimd im2col
func kernelIm2col(col, x *float64, c, h, w, k, pad, ho, wo int32)

//go:wasmimport nbsimd col2im
func kernelCol2im(dx, dcol *float64, c, h, w, k, pad, ho, wo int32)

// im2colKernel runs Conv.Im2Col (stride 1) on the SIMD kernel and reports
// whether it did.
func im2colKernel(col, x []float64, g Conv) bool {
	if !useKernel {
		return false
	}
	kernelIm2col(&col[0], &x[0], int32(g.C), int32(g.H), int32(g.W), int32(g.K), int32(g.Pad), int32(g.Ho), int32(g.Wo))
	return true
}

// col2imKernel runs Conv.Col2Im (stride 1, Im2Col's layout) on the SIMD
// kernel and reports whether it did.
func col2imKernel(dx, dcol []float64, g Conv) bool {
	if !useKernel {
		return false
	}
	kernelCol2im(&dx[0], &dcol[0], int32(g.C), int32(g.H), int32(g.W), int32(g.K), int32(g.Pad), int32(g.Ho), int32(g.Wo))
	return true
}

//go:wasmimport nbsimd convfwd
func kernelConvfwd(y, w, pad *float64, out, c, k, hp, wp, ho, wo int32)

// convKernel runs Conv.Forward (stride 1) on the SIMD kernel from the
// input with its zero border, pad (C planes of (H+2·Pad)×(W+2·Pad)).
func convKernel(y, w, pad []float64, out int, g Conv) {
	kernelConvfwd(&y[0], &w[0], &pad[0], int32(out), int32(g.C), int32(g.K),
		int32(g.H+2*g.Pad), int32(g.W+2*g.Pad), int32(g.Ho), int32(g.Wo))
}

//go:wasmimport nbsimd convfwd32
func kernelConvfwd32(y *float64, w, pad *float32, out, c, k, hp, wp, ho, wo int32)

// conv32Kernel runs Conv.Forward32 (stride 1, out a multiple of 4) on the
// SIMD kernel from the float32 input with its zero border, pad.
func conv32Kernel(y []float64, w32, pad []float32, out int, g Conv) {
	kernelConvfwd32(&y[0], &w32[0], &pad[0], int32(out), int32(g.C), int32(g.K),
		int32(g.H+2*g.Pad), int32(g.W+2*g.Pad), int32(g.Ho), int32(g.Wo))
}

//go:wasmimport nbsimd convwgrad
func kernelConvwgrad(wt, dyt, pad *float64, out, c, k, hp, wp, ho, wo int32)

// convWGradKernel runs Conv.WeightGrad (stride 1) on the SIMD kernel,
// transposed: wt (Rows×out) += col·dyt, dyt being dy transposed
// (Cols×out) and col read from pad, the input with its zero border.
func convWGradKernel(wt, dyt, pad []float64, out int, g Conv) {
	kernelConvwgrad(&wt[0], &dyt[0], &pad[0], int32(out), int32(g.C), int32(g.K),
		int32(g.H+2*g.Pad), int32(g.W+2*g.Pad), int32(g.Ho), int32(g.Wo))
}
