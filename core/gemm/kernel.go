package gemm

import "sync"

// Kernel names the implementation the kernels run on: "simd128" in a
// WebAssembly build with the simd128 tag whose loader supplied the SIMD
// kernel (simd128.wat), "go" otherwise. Both compute the same bits.
func Kernel() string {
	if useKernel {
		return "simd128"
	}
	return "go"
}

// scratch holds transposed operands for NT on the SIMD kernel, which
// reads the right operand along rows.
var scratch = sync.Pool{New: func() any { return new([]float64) }}

// transpose returns the transpose (cols×rows) of row-major x (rows×cols)
// in a pooled buffer; the caller puts the buffer back.
func transpose(x []float64, rows, cols int) *[]float64 {
	buf := scratch.Get().(*[]float64)
	*buf = transposeInto(*buf, x, rows, cols)
	return buf
}

// transposeInto writes the transpose (cols×rows) of row-major x
// (rows×cols) into buf, grown as needed, and returns it.
func transposeInto(buf, x []float64, rows, cols int) []float64 {
	if cap(buf) < rows*cols {
		buf = make([]float64, rows*cols)
	}
	buf = buf[:rows*cols]
	transposeTo(buf, x, rows, cols)
	return buf
}

// transposeTo writes the transpose (cols×rows) of row-major x (rows×cols)
// into t.
func transposeTo(t, x []float64, rows, cols int) {
	t = t[:rows*cols]
	for i := range rows {
		for j, v := range x[i*cols : i*cols+cols] {
			t[j*rows+i] = v
		}
	}
}

// ntKernel computes C += A·Bᵀ (A m×k, B n×k) on the SIMD kernel, which
// needs its right operand along rows: either C += A·(Bᵀ), transposing B
// (k·n values), or Cᵀ += B·(Aᵀ), transposing A and C there and C back
// (m·k + 2·m·n values), whichever moves less. Every element of C is the
// same sum in the same order either way, so the bits do not depend on
// the choice.
func ntKernel(c, a, b []float64, m, k, n int) {
	if k*n <= m*k+2*m*n {
		bt := transpose(b, n, k)
		kernel(c, a, *bt, m, k, n, k, 1)
		scratch.Put(bt)
		return
	}
	at := transpose(a, m, k)
	ct := transpose(c, m, n)
	kernel(*ct, b, *at, n, k, m, k, 1)
	transposeTo(c, *ct, n, m)
	scratch.Put(at)
	scratch.Put(ct)
}
