package nn

import (
	"math/rand/v2"

	"noiseball/core/gemm"
)

// Dense is a fully connected layer (PyTorch's nn.Linear):
//
//	y[b,o] = bias[o] + Σ_i weight[o,i] · x[b,i],
//
// with weight stored [out,in]. Its input may have any shape; it is read
// flat in C,H,W order.
type Dense struct {
	name   string
	in     Shape
	out    int
	weight *Param
	bias   *Param
	x      []float64
	batch  int
	y, dx  []float64
}

// NewDense returns a dense layer named name from in's flattened size to
// out features, with weights drawn from He's normal initialization
// N(0, 2/fan_in) using r (all zero if r is nil) and zero biases.
func NewDense(name string, in Shape, out int, r *rand.Rand) *Dense {
	n := in.Size()
	if n <= 0 || out <= 0 {
		panic("nn: dense layer needs positive sizes")
	}
	d := &Dense{
		name:   name,
		in:     in,
		out:    out,
		weight: newParam(name+".weight", out, n),
		bias:   newParam(name+".bias", out),
	}
	heNormal(d.weight.W, n, r)
	return d
}

// Spec returns the architecture record of d.
func (d *Dense) Spec() LayerSpec {
	return LayerSpec{Type: "linear", Name: d.name, In: d.in.Size(), Out: d.out}
}

// InShape returns the input shape.
func (d *Dense) InShape() Shape { return d.in }

// OutShape returns the output shape, out features.
func (d *Dense) OutShape() Shape { return Shape{d.out, 1, 1} }

// Params returns weight and bias.
func (d *Dense) Params() []*Param { return []*Param{d.weight, d.bias} }

// Forward computes y = x·weightᵀ + bias for the batch.
func (d *Dense) Forward(x []float64, batch int) []float64 {
	n := d.in.Size()
	checkBatch("dense", x, batch, n)
	d.x, d.batch = x, batch
	d.y = grow(d.y, batch*d.out)
	for b := range batch {
		copy(d.y[b*d.out:(b+1)*d.out], d.bias.W)
	}
	gemm.NT(d.y, x, d.weight.W, batch, n, d.out)
	return d.y
}

// Backward adds dweight = dyᵀ·x and dbias = Σ_b dy to the gradients (for
// ParamGrad) and returns dx = dy·weight (for InputGrad).
func (d *Dense) Backward(dy []float64, want Grad) []float64 {
	n := d.in.Size()
	checkBatch("dense backward", dy, d.batch, d.out)
	if want&ParamGrad != 0 {
		gemm.TN(d.weight.G, dy, d.x, d.out, d.batch, n)
		for b := range d.batch {
			row := dy[b*d.out : (b+1)*d.out]
			for o, v := range row {
				d.bias.G[o] += v
			}
		}
	}
	if want&InputGrad == 0 {
		return nil
	}
	d.dx = grow(d.dx, d.batch*n)
	clear(d.dx)
	gemm.NN(d.dx, dy, d.weight.W, d.batch, d.out, n)
	return d.dx
}

func (d *Dense) clone() Layer {
	return &Dense{name: d.name, in: d.in, out: d.out, weight: cloneParam(d.weight), bias: cloneParam(d.bias)}
}
