package gemm

import "fmt"

// Forward32 is Forward summed in float32, the convolution of the
// network's forward pass: the filters w32 (out×Rows) are float32, the
// input x is rounded to float32, and each output's sum starts at its
// value in y rounded to float32, adds the float32 products in Forward's
// order, each sum rounded to float32, and is stored back widened:
//
//	s = float32(y[o·Cols+j]);  s += float32(w32[o·Rows+p] · float32(col[p·Cols+j])),  p = 0, 1, …, Rows−1;
//	y[o·Cols+j] = float64(s)
//
// nn32 on the float32 column matrix, bit for bit. float32 holds four
// numbers in a SIMD lane group where float64 holds two, so with stride 1
// and out a multiple of 4 the SIMD kernel runs it faster than Forward
// (1.4 times on the zoo's cnn under node: 13.3 and 50.3 µs an example
// for its convolutions against 19.0 and 72.0), reading the matrix's rows
// in place from the input with its zero border.
func (g Conv) Forward32(y []float64, w32 []float32, x []float64, out int, s *ConvScratch) {
	rows, cols := g.Rows(), g.Cols()
	if len(y) < out*cols || len(w32) < out*rows || len(x) < g.C*g.H*g.W {
		panic(fmt.Sprintf("gemm: convolution %+v with %d filters got %d outputs, %d weights and %d inputs", g, out, len(y), len(w32), len(x)))
	}
	if out == 0 {
		return
	}
	pad := s.padded32(g, x)
	if g.Stride == 1 && out%4 == 0 && useKernel {
		conv32Kernel(y, w32, pad, out, g)
		return
	}
	nn32(y, w32, s.columns32(g, pad), out, rows, cols)
}

// padded32 is padded rounded to float32, in s.pad32.
func (s *ConvScratch) padded32(g Conv, x []float64) []float32 {
	s.pad32 = padInto(s.pad32, g, x)
	return s.pad32
}

// columns32 returns the column matrix (Rows×Cols, Im2Col's layout) of the
// padded float32 input pad, in s.col32:
//
//	col[(ch·K+u)·K+v, i·Wo+j] = pad[ch, i·Stride+u, j·Stride+v].
func (s *ConvScratch) columns32(g Conv, pad []float32) []float32 {
	n := g.Rows() * g.Cols()
	if len(s.col32) < n {
		s.col32 = make([]float32, n)
	}
	col := s.col32[:n]
	hp, wp := g.H+2*g.Pad, g.W+2*g.Pad
	at := 0
	for ch := range g.C {
		for u := range g.K {
			for v := range g.K {
				for i := range g.Ho {
					src := pad[(ch*hp+i*g.Stride+u)*wp+v:]
					line := col[at : at+g.Wo]
					if g.Stride == 1 {
						copy(line, src) // a bulk move, several times faster under wasm
					} else {
						for j := range line {
							line[j] = src[j*g.Stride]
						}
					}
					at += g.Wo
				}
			}
		}
	}
	return col
}

// nn32 is nnSum in float32 for Conv.Forward32: C (float64) += A·B
// (float32), the SIMD kernel's twin.
func nn32(c []float64, a, b []float32, m, k, n int) {
	if len(a) < m*k || len(b) < k*n || len(c) < m*n {
		panic(fmt.Sprintf("gemm: %d×%d·%d×%d into %d values got %d and %d", m, k, k, n, len(c), len(a), len(b)))
	}
	nnSum(c, a, b, m, k, n)
}
