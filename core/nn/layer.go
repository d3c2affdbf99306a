package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Param is one named parameter tensor of a layer with its gradient. W and
// G have the same length, the product of Shape; Shape follows PyTorch's
// layout for the tensor named Name.
type Param struct {
	Name  string
	Shape []int
	W     []float64 // values
	G     []float64 // accumulated gradient of the loss with respect to W
}

// Layer is one batched stage of a Network.
//
// Forward maps a batch of inputs of the layer's input shape to outputs of
// its output shape and keeps what Backward needs. Backward takes the
// gradient of the loss with respect to the last Forward's outputs; if want
// has ParamGrad it adds the parameter gradients into each Param's G, and
// if want has InputGrad it returns the gradient with respect to that
// Forward's inputs (otherwise nil). Returned slices belong to the layer and are overwritten by its
// next call; the input passed to Forward must stay unchanged until
// Backward has run.
type Layer interface {
	Spec() LayerSpec
	InShape() Shape
	OutShape() Shape
	Params() []*Param
	Forward(x []float64, batch int) []float64
	Backward(dy []float64, want Grad) []float64
	// clone returns a layer with the same weights (shared) and fresh
	// gradients and buffers.
	clone() Layer
}

// Grad selects what a backward pass computes.
type Grad uint8

const (
	// ParamGrad accumulates the gradient of every parameter (training).
	ParamGrad Grad = 1 << iota
	// InputGrad returns the gradient with respect to the input (attacks).
	InputGrad
)

// grow returns buf resliced to n elements, reallocating when it is too
// small. Contents are unspecified.
func grow(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	return buf[:n]
}

// fill sets every element of s to v by doubling copies, which the
// WebAssembly port runs as bulk memory moves, several times faster there
// than a loop of single stores.
func fill(s []float64, v float64) {
	if len(s) == 0 {
		return
	}
	s[0] = v
	for n := 1; n < len(s); n *= 2 {
		copy(s[n:], s[:n])
	}
}

// checkBatch panics unless x holds batch examples of size n each.
func checkBatch(layer string, x []float64, batch, n int) {
	if batch < 0 || len(x) != batch*n {
		panic(fmt.Sprintf("nn: %s got %d values for a batch of %d examples of %d", layer, len(x), batch, n))
	}
}

// newParam returns a zero parameter of the given shape.
func newParam(name string, shape ...int) *Param {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return &Param{Name: name, Shape: shape, W: make([]float64, n), G: make([]float64, n)}
}

// heNormal fills w with He et al.'s initialization for ReLU networks,
// N(0, 2/fanIn), drawn in order from r; it leaves w zero if r is nil.
func heNormal(w []float64, fanIn int, r *rand.Rand) {
	if r == nil {
		return
	}
	std := math.Sqrt(2 / float64(fanIn))
	for i := range w {
		w[i] = std * r.NormFloat64()
	}
}

// cloneParam returns p with W shared and a fresh zero gradient.
func cloneParam(p *Param) *Param {
	return &Param{Name: p.Name, Shape: p.Shape, W: p.W, G: make([]float64, len(p.G))}
}
