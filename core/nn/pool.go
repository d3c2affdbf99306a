package nn

import "fmt"

// MaxPool is 2-D max pooling over size×size windows moved by stride,
// per channel: y[b,c,i,j] = max_{u,v<size} x[b,c, i·stride+u, j·stride+v].
// Output size per axis is (H - size)/stride + 1 (PyTorch's default, no
// padding, floor mode). Ties go to the first maximum in row-major order,
// which also receives the whole gradient.
//
// The common 2×2 window with stride 2 keeps no index of its maxima: its
// forward pass only takes maxima, and its backward pass finds each
// window's winner again in the input that Forward kept (the Layer contract
// keeps it unchanged until Backward), branch-free, on the SIMD kernel in
// the page's workers. Inference, most of the work, then pays for no index.
type MaxPool struct {
	in           Shape
	size, stride int
	ho, wo       int
	batch        int
	x            []float64 // the last Forward's input (2×2, stride 2)
	arg          []int32   // per output, the index of its maximum within the example (other windows)
	y, dx        []float64
}

// NewMaxPool returns a max-pooling layer on inputs of shape in. It panics
// if the output would be empty.
func NewMaxPool(in Shape, size, stride int) *MaxPool {
	if size <= 0 || stride <= 0 || in.H < size || in.W < size {
		panic(fmt.Sprintf("nn: maxpool size %d stride %d does not fit %v", size, stride, in))
	}
	return &MaxPool{in: in, size: size, stride: stride,
		ho: (in.H-size)/stride + 1, wo: (in.W-size)/stride + 1}
}

// Spec returns the architecture record of m.
func (m *MaxPool) Spec() LayerSpec { return LayerSpec{Type: "maxpool", Size: m.size, Stride: m.stride} }

// InShape returns the input shape.
func (m *MaxPool) InShape() Shape { return m.in }

// OutShape returns C×Ho×Wo.
func (m *MaxPool) OutShape() Shape { return Shape{m.in.C, m.ho, m.wo} }

// Params returns nil: pooling has no parameters.
func (m *MaxPool) Params() []*Param { return nil }

// is2x2 reports whether m takes the 2×2, stride-2 path.
func (m *MaxPool) is2x2() bool { return m.size == 2 && m.stride == 2 }

// Forward pools every channel of every example.
func (m *MaxPool) Forward(x []float64, batch int) []float64 {
	n, out := m.in.Size(), m.OutShape().Size()
	checkBatch("maxpool", x, batch, n)
	m.batch = batch
	m.y = grow(m.y, batch*out)
	if m.is2x2() {
		m.x = x
		planes := batch * m.in.C
		if !pool2Kernel(m.y, x, planes, m.in.H, m.in.W) {
			pool2Go(m.y, x, planes, m.in.H, m.in.W)
		}
		return m.y
	}
	m.forwardArg(x, batch)
	return m.y
}

// forwardArg is Forward for any window and stride: it records each
// output's argmax for backwardArg. It is also the 2×2 path's reference in
// the tests.
func (m *MaxPool) forwardArg(x []float64, batch int) {
	n, out := m.in.Size(), m.OutShape().Size()
	if cap(m.arg) < batch*out {
		m.arg = make([]int32, batch*out)
	}
	m.arg = m.arg[:batch*out]
	h, w := m.in.H, m.in.W
	o := 0
	for b := range batch {
		xb := x[b*n : (b+1)*n]
		for c := 0; c < m.in.C; c++ {
			base := c * h * w
			for i := 0; i < m.ho; i++ {
				for j := 0; j < m.wo; j++ {
					best := base + i*m.stride*w + j*m.stride
					bv := xb[best]
					for u := 0; u < m.size; u++ {
						r := base + (i*m.stride+u)*w + j*m.stride
						for v := 0; v < m.size; v++ {
							if xb[r+v] > bv {
								best, bv = r+v, xb[r+v]
							}
						}
					}
					m.y[o], m.arg[o] = bv, int32(best)
					o++
				}
			}
		}
	}
}

// pool2Go is the 2×2, stride-2 forward pass over planes H×W planes of x
// in Go, the SIMD kernel's twin: y gets planes×(H/2)×(W/2) maxima, each
// taken as bv = a; bv = b > bv ? b : bv; then c, then d, for the window
// a b / c d (so a NaN first stays, and of +0 and -0 the first wins).
func pool2Go(y, x []float64, planes, h, w int) {
	ho, wo := h/2, w/2
	y = y[:planes*ho*wo]
	o := 0
	for p := range planes {
		plane := x[p*h*w : (p+1)*h*w]
		for i := range ho {
			r0 := plane[2*i*w : 2*i*w+2*wo]
			r1 := plane[(2*i+1)*w : (2*i+1)*w+2*wo]
			for j := range wo {
				bv := r0[2*j]
				if v := r0[2*j+1]; v > bv {
					bv = v
				}
				if v := r1[2*j]; v > bv {
					bv = v
				}
				if v := r1[2*j+1]; v > bv {
					bv = v
				}
				y[o] = bv
				o++
			}
		}
	}
}

// pool2GradGo is the 2×2, stride-2 backward pass in Go, the SIMD kernel's
// twin: for each window a b / c d of x it finds the winner by the
// forward's comparisons (the first maximum in row-major order), writes
// that output's gradient dy there and +0 at the window's other three
// positions. Input positions outside every window (a last odd row or
// column) are not written.
func pool2GradGo(dx, dy, x []float64, planes, h, w int) {
	ho, wo := h/2, w/2
	dy = dy[:planes*ho*wo]
	o := 0
	for p := range planes {
		plane := x[p*h*w : (p+1)*h*w]
		dplane := dx[p*h*w : (p+1)*h*w]
		for i := range ho {
			top, bottom := 2*i*w, (2*i+1)*w
			for j := range wo {
				a, b := top+2*j, top+2*j+1
				c, d := bottom+2*j, bottom+2*j+1
				win, bv := a, plane[a]
				if plane[b] > bv {
					win, bv = b, plane[b]
				}
				if plane[c] > bv {
					win, bv = c, plane[c]
				}
				if plane[d] > bv {
					win = d
				}
				dplane[a], dplane[b], dplane[c], dplane[d] = 0, 0, 0, 0
				dplane[win] = dy[o]
				o++
			}
		}
	}
}

// Backward routes each output gradient to the input that was the maximum.
func (m *MaxPool) Backward(dy []float64, want Grad) []float64 {
	n, out := m.in.Size(), m.OutShape().Size()
	checkBatch("maxpool backward", dy, m.batch, out)
	if want&InputGrad == 0 {
		return nil
	}
	m.dx = grow(m.dx, m.batch*n)
	if m.is2x2() {
		h, w := m.in.H, m.in.W
		if h%2 != 0 || w%2 != 0 {
			clear(m.dx) // the positions no window covers
		}
		planes := m.batch * m.in.C
		if !pool2GradKernel(m.dx, dy, m.x, planes, h, w) {
			pool2GradGo(m.dx, dy, m.x, planes, h, w)
		}
		return m.dx
	}
	m.backwardArg(dy)
	return m.dx
}

// backwardArg is Backward after forwardArg: dx[argmax] += dy, so
// overlapping windows add up.
func (m *MaxPool) backwardArg(dy []float64) {
	n, out := m.in.Size(), m.OutShape().Size()
	clear(m.dx)
	for b := range m.batch {
		dxb := m.dx[b*n : (b+1)*n]
		for o := b * out; o < (b+1)*out; o++ {
			dxb[m.arg[o]] += dy[o]
		}
	}
}

func (m *MaxPool) clone() Layer { return NewMaxPool(m.in, m.size, m.stride) }
