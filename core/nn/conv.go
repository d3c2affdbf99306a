package nn

import (
	"fmt"
	"math/rand/v2"

	"noiseball/core/gemm"
)

// Conv2D is a 2-D convolution (PyTorch's nn.Conv2d with square kernels,
// equal stride and padding on both axes, zero padding):
//
//	y[b,o,i,j] = bias[o] + Σ_{c,u,v} weight[o,c,u,v] · x[b,c, i·s-p+u, j·s-p+v],
//
// with out-of-range input pixels read as 0 and weight stored
// [out,in,k,k]. Output size per axis is (H + 2p - k)/s + 1.
//
// Each example is lowered to a column matrix (im2col) of K = in·k·k rows
// and P = Ho·Wo columns so that the forward pass is one matrix product
// weight[out×K]·col[K×P], summed in float32 (gemm.Conv.Forward32: the
// weights and the input rounded to float32, each output's sum started
// at float32(bias) and stored as float64; on the SIMD kernel, which
// reads the columns from the input in place, 1.4 times as fast as float64,
// the pass that classifying noisy copies consists of). Everything else,
// the backward pass included, is float64; SetFloat64 sums the forward
// pass in float64 too (gemm.Conv.Forward), for finite-difference checks
// of the gradients, which float32's rounding would drown. The backward
// pass rebuilds the columns rather than keeping a batch of them.
type Conv2D struct {
	name                string
	in                  Shape
	out, k, stride, pad int
	ho, wo              int
	geom                gemm.Conv // the lowering onto the matrix kernels
	weight, bias        *Param
	w32                 []float32 // weight rounded to float32, for the forward pass
	float64             bool      // sum the forward pass in float64 (SetFloat64)
	x                   []float64
	batch               int
	scratch             gemm.ConvScratch // the lowering's working memory, columns included
	dcol, y, dx         []float64
	nzPos               []int32   // sparse backward: positions p of nonzero dy, grouped by filter
	nzVal               []float64 // and their values
	nzEnd               []int     // nzPos[nzEnd[o-1]:nzEnd[o]] belong to filter o
}

// NewConv2D returns a convolution named name on inputs of shape in with
// out filters of size k×k, stride and zero padding pad, weights drawn from
// He's normal initialization N(0, 2/(in.C·k·k)) using r (all zero if r is nil) and zero biases.
// It panics if the output would be empty.
func NewConv2D(name string, in Shape, out, k, stride, pad int, r *rand.Rand) *Conv2D {
	if out <= 0 || k <= 0 || stride <= 0 || pad < 0 {
		panic(fmt.Sprintf("nn: conv2d %s needs positive out, kernel and stride and pad >= 0", name))
	}
	ho := (in.H+2*pad-k)/stride + 1
	wo := (in.W+2*pad-k)/stride + 1
	if in.C <= 0 || ho <= 0 || wo <= 0 {
		panic(fmt.Sprintf("nn: conv2d %s with kernel %d, pad %d has no output on %v", name, k, pad, in))
	}
	kk := in.C * k * k
	c := &Conv2D{
		name: name, in: in, out: out, k: k, stride: stride, pad: pad, ho: ho, wo: wo,
		geom:   gemm.NewConv(in.C, in.H, in.W, k, stride, pad),
		weight: newParam(name+".weight", out, in.C, k, k),
		bias:   newParam(name+".bias", out),
	}
	heNormal(c.weight.W, kk, r)
	return c
}

// Spec returns the architecture record of c.
func (c *Conv2D) Spec() LayerSpec {
	return LayerSpec{Type: "conv2d", Name: c.name, In: c.in.C, Out: c.out, Kernel: c.k, Stride: c.stride, Pad: c.pad}
}

// InShape returns the input shape.
func (c *Conv2D) InShape() Shape { return c.in }

// OutShape returns out×Ho×Wo.
func (c *Conv2D) OutShape() Shape { return Shape{c.out, c.ho, c.wo} }

// Params returns weight and bias.
func (c *Conv2D) Params() []*Param { return []*Param{c.weight, c.bias} }

// Forward convolves every example of the batch.
func (c *Conv2D) Forward(x []float64, batch int) []float64 {
	n, P := c.in.Size(), c.ho*c.wo
	checkBatch("conv2d", x, batch, n)
	c.x, c.batch = x, batch
	c.y = grow(c.y, batch*c.out*P)
	if !c.float64 {
		if len(c.w32) != len(c.weight.W) {
			c.w32 = make([]float32, len(c.weight.W))
		}
		for i, w := range c.weight.W {
			c.w32[i] = float32(w)
		}
	}
	for b := range batch {
		yb := c.y[b*c.out*P : (b+1)*c.out*P]
		for o, bias := range c.bias.W {
			fill(yb[o*P:(o+1)*P], bias)
		}
		if c.float64 {
			c.geom.Forward(yb, c.weight.W, x[b*n:(b+1)*n], c.out, &c.scratch)
		} else {
			c.geom.Forward32(yb, c.w32, x[b*n:(b+1)*n], c.out, &c.scratch)
		}
	}
	return c.y
}

// SetFloat64 makes the forward pass sum in float64 (on) or in float32
// (off, the default; see Conv2D).
func (c *Conv2D) SetFloat64(on bool) { c.float64 = on }

// Backward adds dweight = Σ_b dy_b·col_bᵀ and dbias = Σ_{b,i,j} dy to the
// gradients (for ParamGrad; gemm.Conv.WeightGrad, which on the SIMD
// kernel reads the columns from the input in place) and returns
// dx = col2im(weightᵀ·dy_b) (for InputGrad).
//
// Behind a ReLU and a 2×2 max-pool at most a quarter of dy is nonzero, so
// an example whose dy is less than a third full takes a sparse path that
// visits only the nonzero entries: sparse dot products for dweight, one
// row update of length K per entry for the column gradient.
// Skipping a zero product leaves a sum's bits unchanged and the sparse
// path adds the remaining products in the dense kernels' order, so both
// paths give the same bits and the choice is only about speed.
func (c *Conv2D) Backward(dy []float64, want Grad) []float64 {
	n, kk, P := c.in.Size(), c.in.C*c.k*c.k, c.ho*c.wo
	checkBatch("conv2d backward", dy, c.batch, c.out*P)
	if want&InputGrad != 0 {
		c.dcol = grow(c.dcol, kk*P)
		c.dx = grow(c.dx, c.batch*n)
		clear(c.dx)
	}
	for b := range c.batch {
		dyb := dy[b*c.out*P : (b+1)*c.out*P]
		xb := c.x[b*n : (b+1)*n]
		sparse := c.sparseBackward(dyb)
		if want&ParamGrad != 0 {
			for o := range c.out {
				s := c.bias.G[o]
				for _, g := range dyb[o*P : (o+1)*P] {
					s += g
				}
				c.bias.G[o] = s
			}
			if sparse {
				// dweight[o,r] += Σ dy[o,p]·col[r,p] over the nonzero dy[o,p], p increasing.
				col := c.geom.Columns(xb, &c.scratch)
				start := 0
				for o := range c.out {
					pos, val := c.nzPos[start:c.nzEnd[o]], c.nzVal[start:c.nzEnd[o]]
					dw := c.weight.G[o*kk : (o+1)*kk]
					for r := range dw {
						row := col[r*P : (r+1)*P]
						s := dw[r]
						for t, p := range pos {
							s += float64(val[t] * row[p])
						}
						dw[r] = s
					}
					start = c.nzEnd[o]
				}
			} else {
				c.geom.WeightGrad(c.weight.G, dyb, xb, c.out, &c.scratch)
			}
		}
		if want&InputGrad != 0 {
			clear(c.dcol)
			if sparse {
				// dcolT[p,:] += dy[o,p] · weight[o,:] for nonzero dy[o,p], o increasing.
				start := 0
				for o := range c.out {
					wo := c.weight.W[o*kk : (o+1)*kk]
					for _, p := range c.nzPos[start:c.nzEnd[o]] {
						axpy(c.dcol[int(p)*kk:(int(p)+1)*kk], dyb[o*P+int(p)], wo)
					}
					start = c.nzEnd[o]
				}
				c.geom.Col2Im(c.dx[b*n:(b+1)*n], c.dcol, 1, kk)
			} else {
				gemm.TN(c.dcol, c.weight.W, dyb, kk, c.out, P)
				c.geom.Col2Im(c.dx[b*n:(b+1)*n], c.dcol, P, 1)
			}
		}
	}
	if want&InputGrad == 0 {
		return nil
	}
	return c.dx
}

// sparseBackward gathers the nonzero entries of one example's output
// gradient and reports whether the sparse path is faster for it: below a
// third full on the pure-Go kernels, below a twelfth on the SIMD kernel,
// which computes the dense products about four times as fast.
func (c *Conv2D) sparseBackward(dyb []float64) bool {
	nz := c.gatherNonzero(dyb)
	if gemm.Kernel() == "simd128" {
		return 12*nz < len(dyb)
	}
	return 3*nz < len(dyb)
}

// gatherNonzero records the positions of the nonzero entries of one
// example's output gradient (out×P), filter by filter, and returns their
// count.
func (c *Conv2D) gatherNonzero(dyb []float64) int {
	P := c.ho * c.wo
	c.nzPos, c.nzVal = c.nzPos[:0], c.nzVal[:0]
	if cap(c.nzEnd) < c.out {
		c.nzEnd = make([]int, c.out)
	}
	c.nzEnd = c.nzEnd[:c.out]
	for o := range c.out {
		for p, g := range dyb[o*P : (o+1)*P] {
			if g != 0 {
				c.nzPos = append(c.nzPos, int32(p))
				c.nzVal = append(c.nzVal, g)
			}
		}
		c.nzEnd[o] = len(c.nzPos)
	}
	return len(c.nzPos)
}

// axpy computes y += a·x elementwise.
func axpy(y []float64, a float64, x []float64) {
	x = x[:len(y)]
	for i := range y {
		y[i] += float64(a * x[i])
	}
}

func (c *Conv2D) clone() Layer {
	return &Conv2D{name: c.name, in: c.in, out: c.out, k: c.k, stride: c.stride, pad: c.pad,
		ho: c.ho, wo: c.wo, geom: c.geom, weight: cloneParam(c.weight), bias: cloneParam(c.bias), float64: c.float64}
}
