package train

import (
	"math"

	"noiseball/core/nn"
)

// Optimizer updates parameters from their accumulated gradients.
type Optimizer interface {
	// Update applies one step with learning rate lr to every parameter
	// (W -= …, reading G) and leaves G unchanged.
	Update(params []*nn.Param, lr float64)
}

// SGD is stochastic gradient descent with heavy-ball momentum in
// PyTorch's form: v ← μ·v + g, w ← w - lr·v.
type SGD struct {
	Momentum float64
	v        [][]float64
}

// Update applies one SGD step.
func (o *SGD) Update(params []*nn.Param, lr float64) {
	if o.v == nil {
		o.v = make([][]float64, len(params))
		for i, p := range params {
			o.v[i] = make([]float64, len(p.W))
		}
	}
	for i, p := range params {
		v := o.v[i]
		for j, g := range p.G {
			v[j] = float64(o.Momentum*v[j]) + g
			p.W[j] -= float64(lr * v[j])
		}
	}
}

// Adam is Kingma and Ba's optimizer with bias correction:
//
//	m ← β₁m + (1-β₁)g,  v ← β₂v + (1-β₂)g²,
//	w ← w - lr · (m/(1-β₁ᵗ)) / (sqrt(v/(1-β₂ᵗ)) + ε),
//
// with β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
type Adam struct {
	t    int
	m, v [][]float64
}

// Update applies one Adam step.
func (o *Adam) Update(params []*nn.Param, lr float64) {
	const b1, b2, eps = 0.9, 0.999, 1e-8
	if o.m == nil {
		o.m = make([][]float64, len(params))
		o.v = make([][]float64, len(params))
		for i, p := range params {
			o.m[i] = make([]float64, len(p.W))
			o.v[i] = make([]float64, len(p.W))
		}
	}
	o.t++
	c1 := 1 - math.Pow(b1, float64(o.t))
	c2 := 1 - math.Pow(b2, float64(o.t))
	for i, p := range params {
		m, v := o.m[i], o.v[i]
		for j, g := range p.G {
			m[j] = float64(b1*m[j]) + float64((1-b1)*g)
			v[j] = float64(b2*v[j]) + float64((1-b2)*g*g)
			p.W[j] -= lr * (m[j] / c1) / (math.Sqrt(v[j]/c2) + eps)
		}
	}
}
