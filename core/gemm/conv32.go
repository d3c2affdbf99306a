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
// and out a multiple of 4 the SIMD kernel runs it about twice as fast as
// Forward, reading the matrix's rows in place from the input with its
// zero border.
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

// padded32 returns x (C×H×W) rounded to float32 inside a zero border of
// Pad pixels, in s.pad32 (C planes of (H+2·Pad)×(W+2·Pad)); the border is
// written once.
func (s *ConvScratch) padded32(g Conv, x []float64) []float32 {
	hp, wp := g.H+2*g.Pad, g.W+2*g.Pad
	if len(s.pad32) != g.C*hp*wp {
		s.pad32 = make([]float32, g.C*hp*wp)
	}
	for ch := range g.C {
		for i := range g.H {
			row := s.pad32[(ch*hp+i+g.Pad)*wp+g.Pad:][:g.W]
			for j, v := range x[(ch*g.H+i)*g.W : (ch*g.H+i+1)*g.W] {
				row[j] = float32(v)
			}
		}
	}
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
					for j := range line {
						line[j] = src[j*g.Stride]
					}
					at += g.Wo
				}
			}
		}
	}
	return col
}

// nn32 computes C += A·B in float32 for row-major float32 A (m×k) and B
// (k×n) and float64 C (m×n): each element's sum starts at float32(C),
// adds float32(A[i*k+p]·B[p*n+j]) for p = 0, 1, …, k-1 in order, and is
// stored widened. It is nnGo's loop in float32, the SIMD kernel's twin
// for Conv.Forward32.
func nn32(c []float64, a, b []float32, m, k, n int) {
	if len(a) < m*k || len(b) < k*n || len(c) < m*n {
		panic(fmt.Sprintf("gemm: %d×%d·%d×%d into %d values got %d and %d", m, k, k, n, len(c), len(a), len(b)))
	}
	j := 0
	for ; j+4 <= n; j += 4 {
		i := 0
		for ; i+2 <= m; i += 2 {
			a0 := a[i*k : i*k+k]
			a1 := a[(i+1)*k : (i+1)*k+k]
			c0 := c[i*n+j : i*n+j+4 : i*n+j+4]
			c1 := c[(i+1)*n+j : (i+1)*n+j+4 : (i+1)*n+j+4]
			s00, s01, s02, s03 := float32(c0[0]), float32(c0[1]), float32(c0[2]), float32(c0[3])
			s10, s11, s12, s13 := float32(c1[0]), float32(c1[1]), float32(c1[2]), float32(c1[3])
			for p, x0 := range a0 {
				x1 := a1[p]
				bp := b[p*n+j : p*n+j+4 : p*n+j+4]
				y0, y1, y2, y3 := bp[0], bp[1], bp[2], bp[3]
				s00 += float32(x0 * y0)
				s01 += float32(x0 * y1)
				s02 += float32(x0 * y2)
				s03 += float32(x0 * y3)
				s10 += float32(x1 * y0)
				s11 += float32(x1 * y1)
				s12 += float32(x1 * y2)
				s13 += float32(x1 * y3)
			}
			c0[0], c0[1], c0[2], c0[3] = float64(s00), float64(s01), float64(s02), float64(s03)
			c1[0], c1[1], c1[2], c1[3] = float64(s10), float64(s11), float64(s12), float64(s13)
		}
		if i < m {
			a0 := a[i*k : i*k+k]
			c0 := c[i*n+j : i*n+j+4 : i*n+j+4]
			s0, s1, s2, s3 := float32(c0[0]), float32(c0[1]), float32(c0[2]), float32(c0[3])
			for p, x := range a0 {
				bp := b[p*n+j : p*n+j+4 : p*n+j+4]
				s0 += float32(x * bp[0])
				s1 += float32(x * bp[1])
				s2 += float32(x * bp[2])
				s3 += float32(x * bp[3])
			}
			c0[0], c0[1], c0[2], c0[3] = float64(s0), float64(s1), float64(s2), float64(s3)
		}
	}
	for ; j < n; j++ {
		for i := 0; i < m; i++ {
			s := float32(c[i*n+j])
			for p, x := range a[i*k : i*k+k] {
				s += float32(x * b[p*n+j])
			}
			c[i*n+j] = float64(s)
		}
	}
}
