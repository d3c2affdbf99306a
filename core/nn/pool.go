package nn

import "fmt"

// MaxPool is 2-D max pooling over size×size windows moved by stride,
// per channel: y[b,c,i,j] = max_{u,v<size} x[b,c, i·stride+u, j·stride+v].
// Output size per axis is (H - size)/stride + 1 (PyTorch's default, no
// padding, floor mode). Ties go to the first maximum in row-major order,
// which also receives the whole gradient.
type MaxPool struct {
	in           Shape
	size, stride int
	ho, wo       int
	batch        int
	arg          []int32 // per output, the index of its maximum within the example
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

// Forward pools every channel of every example.
func (m *MaxPool) Forward(x []float64, batch int) []float64 {
	n, out := m.in.Size(), m.OutShape().Size()
	checkBatch("maxpool", x, batch, n)
	m.batch = batch
	m.y = grow(m.y, batch*out)
	if cap(m.arg) < batch*out {
		m.arg = make([]int32, batch*out)
	}
	m.arg = m.arg[:batch*out]
	h, w := m.in.H, m.in.W
	if m.size == 2 && m.stride == 2 {
		m.forward2x2(x, batch)
		return m.y
	}
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
	return m.y
}

// forward2x2 is Forward for the common 2×2 window with stride 2, with the
// same tie rule (first maximum in row-major order).
func (m *MaxPool) forward2x2(x []float64, batch int) {
	h, w := m.in.H, m.in.W
	o := 0
	for b := range batch * m.in.C {
		plane := x[b*h*w : (b+1)*h*w]
		base := int32((b % m.in.C) * h * w)
		for i := 0; i < m.ho; i++ {
			r0 := plane[2*i*w : (2*i+1)*w]
			r1 := plane[(2*i+1)*w : (2*i+2)*w]
			for j := 0; j < m.wo; j++ {
				best, bv := int32(2*i*w+2*j), r0[2*j]
				if r0[2*j+1] > bv {
					best, bv = best+1, r0[2*j+1]
				}
				if r1[2*j] > bv {
					best, bv = int32((2*i+1)*w+2*j), r1[2*j]
				}
				if r1[2*j+1] > bv {
					best, bv = int32((2*i+1)*w+2*j+1), r1[2*j+1]
				}
				m.y[o], m.arg[o] = bv, base+best
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
	clear(m.dx)
	for b := range m.batch {
		dxb := m.dx[b*n : (b+1)*n]
		for o := b * out; o < (b+1)*out; o++ {
			dxb[m.arg[o]] += dy[o]
		}
	}
	return m.dx
}

func (m *MaxPool) clone() Layer { return NewMaxPool(m.in, m.size, m.stride) }
