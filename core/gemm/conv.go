package gemm

import "fmt"

// Conv is the geometry of a 2-D convolution lowered onto the matrix
// kernels (im2col): C input channels of H×W pixels, square K×K kernels
// moved by Stride with Pad zero pixels around the input, giving Ho×Wo
// outputs per filter, Ho = (H + 2·Pad − K)/Stride + 1 and likewise Wo.
//
// The column matrix of one example has C·K·K rows and P = Ho·Wo columns:
//
//	col[(ch·K+u)·K+v, i·Wo+j] = x[ch, i·Stride−Pad+u, j·Stride−Pad+v]
//
// (0 outside the input), so that a convolution is weight[out×CKK]·col.
type Conv struct {
	C, H, W, K, Stride, Pad int
	Ho, Wo                  int
}

// NewConv returns the geometry of a convolution on c×h×w inputs with k×k
// kernels, stride and zero padding pad. It panics (a caller bug) unless
// the output has at least one pixel.
func NewConv(c, h, w, k, stride, pad int) Conv {
	if c <= 0 || k <= 0 || stride <= 0 || pad < 0 || h+2*pad < k || w+2*pad < k {
		panic(fmt.Sprintf("gemm: no convolution output for %d×%d×%d, kernel %d, stride %d, pad %d", c, h, w, k, stride, pad))
	}
	return Conv{C: c, H: h, W: w, K: k, Stride: stride, Pad: pad,
		Ho: (h+2*pad-k)/stride + 1, Wo: (w+2*pad-k)/stride + 1}
}

// Rows returns C·K·K, the column matrix's row count.
func (g Conv) Rows() int { return g.C * g.K * g.K }

// Cols returns Ho·Wo, the column matrix's column count.
func (g Conv) Cols() int { return g.Ho * g.Wo }

// Im2Col fills col (Rows×Cols) from one example x (C×H×W). Each line of
// Wo values is a zero head, a run copied from one input row and a zero
// tail. With stride 1 it runs on the SIMD kernel where one is loaded.
func (g Conv) Im2Col(col, x []float64) {
	if len(col) < g.Rows()*g.Cols() || len(x) < g.C*g.H*g.W {
		panic(fmt.Sprintf("gemm: im2col of %+v got %d columns and %d inputs", g, len(col), len(x)))
	}
	if g.Stride == 1 && im2colKernel(col, x, g) {
		return
	}
	h, w, k, s, p := g.H, g.W, g.K, g.Stride, g.Pad
	P := g.Cols()
	row := 0
	for ch := 0; ch < g.C; ch++ {
		plane := x[ch*h*w : (ch+1)*h*w]
		for u := 0; u < k; u++ {
			for v := 0; v < k; v++ {
				dst := col[row*P : (row+1)*P]
				row++
				lo, hi := g.validRange(v)
				for i := 0; i < g.Ho; i++ {
					yy := i*s - p + u
					line := dst[i*g.Wo : (i+1)*g.Wo]
					if yy < 0 || yy >= h || lo >= hi {
						clear(line)
						continue
					}
					src := plane[yy*w : (yy+1)*w]
					clear(line[:lo])
					if s == 1 {
						copy(line[lo:hi], src[lo-p+v:hi-p+v])
					} else {
						for j := lo; j < hi; j++ {
							line[j] = src[j*s-p+v]
						}
					}
					clear(line[hi:])
				}
			}
		}
	}
}

// validRange returns the output columns [lo, hi) whose input column
// j·s-p+v lies inside [0, W) for kernel column v.
func (g Conv) validRange(v int) (lo, hi int) {
	s, p, w := g.Stride, g.Pad, g.W
	// j·s - p + v >= 0  ⇔  j >= ceil((p-v)/s)
	if p-v > 0 {
		lo = (p - v + s - 1) / s
	}
	// j·s - p + v <= w-1  ⇔  j <= floor((w-1+p-v)/s)
	if w-1+p-v < 0 {
		return 0, 0
	}
	hi = min((w-1+p-v)/s+1, g.Wo)
	lo = min(lo, hi)
	return lo, hi
}

// Col2Im adds a column gradient into one example's input gradient dx
// (C×H×W), the adjoint of Im2Col. Element (row, p) of the Rows×Cols
// column gradient is dcol[row·rs + p·ps]: rs = Cols, ps = 1 for the
// layout Im2Col writes, rs = 1, ps = Rows for its transpose. Each input
// pixel receives its contributions in increasing row order in both
// layouts, so both give the same bits. With stride 1 and the first
// layout it runs on the SIMD kernel where one is loaded.
func (g Conv) Col2Im(dx, dcol []float64, rs, ps int) {
	if len(dx) < g.C*g.H*g.W || len(dcol) < g.Rows()*g.Cols() {
		panic(fmt.Sprintf("gemm: col2im of %+v got %d inputs and %d columns", g, len(dx), len(dcol)))
	}
	if g.Stride == 1 && ps == 1 && rs == g.Cols() && col2imKernel(dx, dcol, g) {
		return
	}
	h, w, k, s, p := g.H, g.W, g.K, g.Stride, g.Pad
	row := 0
	for ch := 0; ch < g.C; ch++ {
		plane := dx[ch*h*w : (ch+1)*h*w]
		for u := 0; u < k; u++ {
			for v := 0; v < k; v++ {
				lo, hi := g.validRange(v)
				for i := 0; i < g.Ho; i++ {
					yy := i*s - p + u
					if yy < 0 || yy >= h || lo >= hi {
						continue
					}
					dst := plane[yy*w : (yy+1)*w]
					base := row*rs + i*g.Wo*ps
					if s == 1 && ps == 1 {
						// Contiguous runs: one bounds check per run.
						d := dst[lo-p+v : hi-p+v]
						src := dcol[base+lo : base+hi]
						src = src[:len(d)]
						for t := range d {
							d[t] += src[t]
						}
						continue
					}
					for j := lo; j < hi; j++ {
						dst[j*s-p+v] += dcol[base+j*ps]
					}
				}
				row++
			}
		}
	}
}

// ConvScratch is the working memory of Conv.Forward, Conv.Forward32,
// Conv.WeightGrad and Conv.Columns for one geometry: the input with its zero border and
// the transposes for the SIMD kernel, or the column matrix. The zero
// value is ready to use; a ConvScratch serves one goroutine.
type ConvScratch struct {
	pad, col     []float64
	pad32, col32 []float32 // Forward32's
	wt, dyt      []float64 // WeightGrad's transposes
}

// Columns fills the column matrix of one example x (Rows×Cols, as
// Im2Col) in s and returns it, valid until s's next use.
func (g Conv) Columns(x []float64, s *ConvScratch) []float64 {
	n := g.Rows() * g.Cols()
	if len(s.col) < n {
		s.col = make([]float64, n)
	}
	g.Im2Col(s.col[:n], x)
	return s.col[:n]
}

// padded returns x (C×H×W) inside a zero border of Pad pixels, in s.pad
// (C planes of (H+2·Pad)×(W+2·Pad)); the border is written once.
func (s *ConvScratch) padded(g Conv, x []float64) []float64 {
	s.pad = padInto(s.pad, g, x)
	return s.pad
}

// padInto writes x (C×H×W) converted to T inside a zero border of Pad
// pixels into buf (C planes of (H+2·Pad)×(W+2·Pad)), reallocated when
// its size is not that, and returns it; the border is written only then.
func padInto[T float32 | float64](buf []T, g Conv, x []float64) []T {
	hp, wp := g.H+2*g.Pad, g.W+2*g.Pad
	if len(buf) != g.C*hp*wp {
		buf = make([]T, g.C*hp*wp)
	}
	for ch := range g.C {
		for i := range g.H {
			row := buf[(ch*hp+i+g.Pad)*wp+g.Pad:][:g.W]
			src := x[(ch*g.H+i)*g.W : (ch*g.H+i+1)*g.W]
			if r, ok := any(row).([]float64); ok {
				copy(r, src) // a bulk move under wasm
				continue
			}
			for j, v := range src {
				row[j] = T(v)
			}
		}
	}
	return buf
}

// Forward adds one example's convolution with the filters w (out×Rows,
// row o being filter o in the column matrix's row order) to y
// (out×Cols):
//
//	y[o·Cols+j] += Σ_p w[o·Rows+p] · col[p·Cols+j],  p = 0, 1, …, Rows−1,
//
// NN(y, w, col) on Im2Col's matrix, bit for bit. With stride 1 on the
// SIMD kernel the matrix is never written: the kernel reads each of its
// rows from the input with its zero border, a few kilobytes that stay in
// cache instead of Rows·Cols values (313 KB for the zoo's second
// convolution) written and read again.
func (g Conv) Forward(y, w, x []float64, out int, s *ConvScratch) {
	rows, cols := g.Rows(), g.Cols()
	if len(y) < out*cols || len(w) < out*rows || len(x) < g.C*g.H*g.W {
		panic(fmt.Sprintf("gemm: convolution %+v with %d filters got %d outputs, %d weights and %d inputs", g, out, len(y), len(w), len(x)))
	}
	if out == 0 {
		return
	}
	if g.Stride == 1 && useKernel {
		convKernel(y, w, s.padded(g, x), out, g)
		return
	}
	NN(y, w, g.Columns(x, s), out, rows, cols)
}

// WeightGrad adds one example's filter gradient to dw (out×Rows), given
// the gradient dy (out×Cols) of its output and its input x:
//
//	dw[o·Rows+r] += Σ_j dy[o·Cols+j] · col[r·Cols+j],  j = 0, 1, …, Cols−1,
//
// NT(dw, dy, col) on Im2Col's matrix, bit for bit. With stride 1 on the
// SIMD kernel the matrix is never written: the kernel computes the
// transpose, dwᵀ += col·dyᵀ, reading col's rows from the input with its
// zero border, and dw and dy cross through transposes of out·Rows and
// out·Cols values instead of the Rows·Cols of the matrix.
func (g Conv) WeightGrad(dw, dy, x []float64, out int, s *ConvScratch) {
	rows, cols := g.Rows(), g.Cols()
	if len(dw) < out*rows || len(dy) < out*cols || len(x) < g.C*g.H*g.W {
		panic(fmt.Sprintf("gemm: filter gradient of %+v with %d filters got %d gradients, %d output gradients and %d inputs", g, out, len(dw), len(dy), len(x)))
	}
	if out == 0 {
		return
	}
	if g.Stride == 1 && useKernel {
		s.wt = transposeInto(s.wt, dw, out, rows)
		s.dyt = transposeInto(s.dyt, dy, out, cols)
		convWGradKernel(s.wt, s.dyt, s.padded(g, x), out, g)
		transposeTo(dw, s.wt, rows, out)
		return
	}
	NT(dw, dy, g.Columns(x, s), out, cols, rows)
}
