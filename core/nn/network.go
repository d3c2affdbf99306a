package nn

import "fmt"

// Network is a stack of layers mapping a batch of inputs to class scores
// (logits). It implements Model.
type Network struct {
	in      Shape
	layers  []Layer
	params  []*Param
	cost    Cost
	chunked bool // the last Logits split its batch: no InputGradient for it
}

// Model is what attacks and evaluations need of a classifier: its input
// shape, its number of classes, the logits of a batch and the gradient of
// a loss with respect to the input.
//
// Logits returns batch×Classes() scores for batch inputs of InShape()
// each, in a buffer owned by the model and valid until its next call.
// InputGradient takes dL/dlogits for the last Logits call and returns
// dL/dx for that call's inputs, batch×InShape().Size(), also owned by the
// model. Any loss works: cross-entropy, a margin, a targeted score; and
// InputGradient may be called several times after one Logits call, once
// per loss (DeepFool takes one gradient per class).
type Model interface {
	InShape() Shape
	Classes() int
	Logits(x []float64, batch int) []float64
	InputGradient(dlogits []float64) []float64
}

func (n *Network) collect() {
	n.params = n.params[:0]
	for _, l := range n.layers {
		n.params = append(n.params, l.Params()...)
	}
}

// InShape returns the shape of one input.
func (n *Network) InShape() Shape { return n.in }

// Classes returns the number of output scores.
func (n *Network) Classes() int { return n.layers[len(n.layers)-1].OutShape().Size() }

// Specs returns the architecture records of the layers, in order.
func (n *Network) Specs() []LayerSpec {
	s := make([]LayerSpec, len(n.layers))
	for i, l := range n.layers {
		s[i] = l.Spec()
	}
	return s
}

// Layers returns the layers in order.
func (n *Network) Layers() []Layer { return n.layers }

// Params returns every parameter in layer order, weight before bias.
func (n *Network) Params() []*Param { return n.params }

// NumParams returns the total number of parameter values.
func (n *Network) NumParams() int {
	t := 0
	for _, p := range n.params {
		t += len(p.W)
	}
	return t
}

// Cost returns what one example costs the network (see Cost).
func (n *Network) Cost() Cost { return n.cost }

// Forward returns the logits of a batch of inputs, batch×Classes(), and
// keeps every layer's activations for Backward. The returned slice is the
// network's buffer, overwritten by the next call.
func (n *Network) Forward(x []float64, batch int) []float64 {
	if len(x) != batch*n.in.Size() {
		panic(fmt.Sprintf("nn: network input has %d values, want %d examples of %v", len(x), batch, n.in))
	}
	n.chunked = false
	for _, l := range n.layers {
		x = l.Forward(x, batch)
	}
	return x
}

// Backward back-propagates dlogits, the gradient of the loss with respect
// to the last Forward's logits, through every layer. With ParamGrad it
// adds to each parameter's G; with InputGrad it returns the gradient with
// respect to the input. The first layer's input gradient is skipped when
// only ParamGrad is asked for.
func (n *Network) Backward(dlogits []float64, want Grad) []float64 {
	g := dlogits
	for i := len(n.layers) - 1; i >= 0; i-- {
		w := want
		if i > 0 {
			w |= InputGrad
		}
		g = n.layers[i].Backward(g, w)
	}
	return g
}

// Logits returns the logits of a batch, batch×Classes(); it makes a
// Network a Model. A batch larger than Cost().MaxBatch is evaluated in
// pieces of at most that many examples (each example's logits are the
// same either way), so no batch takes more than MaxBatchBytes of
// activations; InputGradient then refuses, as only the last piece's
// activations are kept.
func (n *Network) Logits(x []float64, batch int) []float64 {
	per := n.cost.MaxBatch()
	if batch <= per {
		return n.Forward(x, batch)
	}
	d, k := n.in.Size(), n.Classes()
	if len(x) != batch*d {
		panic(fmt.Sprintf("nn: network input has %d values, want %d examples of %v", len(x), batch, n.in))
	}
	out := make([]float64, batch*k)
	for i := 0; i < batch; i += per {
		b := min(per, batch-i)
		copy(out[i*k:(i+b)*k], n.Forward(x[i*d:(i+b)*d], b))
	}
	n.chunked = true
	return out
}

// InputGradient returns dL/dx for the last Logits call without touching
// parameter gradients. It panics after a Logits that split its batch (a
// caller bug: gradients are taken on batches that fit).
func (n *Network) InputGradient(dlogits []float64) []float64 {
	if n.chunked {
		panic("nn: InputGradient after Logits of a batch larger than Cost().MaxBatch")
	}
	return n.Backward(dlogits, InputGrad)
}

// SetFloat64 makes every convolution sum its forward pass in float64
// (on) or in float32 (off, the default; see Conv2D): float64 is for
// finite-difference checks of the gradients. Clones keep the setting.
func (n *Network) SetFloat64(on bool) {
	for _, l := range n.layers {
		if c, ok := l.(*Conv2D); ok {
			c.SetFloat64(on)
		}
	}
}

// ZeroGrad clears every parameter gradient.
func (n *Network) ZeroGrad() {
	for _, p := range n.params {
		clear(p.G)
	}
}

// Clone returns a network that shares n's weights but has its own
// gradients and buffers, for use by another goroutine. Updating weights
// through either is seen by both.
func (n *Network) Clone() *Network {
	c := &Network{in: n.in, cost: n.cost}
	for _, l := range n.layers {
		c.layers = append(c.layers, l.clone())
	}
	c.collect()
	return c
}

// Param returns the parameter named name, or nil.
func (n *Network) Param(name string) *Param {
	for _, p := range n.params {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// SoftmaxRegression returns the linear layer of a softmax-regression
// network (an optional flatten and one linear layer), whose logits are
// affine in the input, or an error naming why the network is not one.
// Exact distances and exact slices need it.
func (n *Network) SoftmaxRegression() (*Dense, error) {
	var fc *Dense
	for _, l := range n.layers {
		switch l := l.(type) {
		case *Flatten:
		case *Dense:
			if fc != nil {
				return nil, fmt.Errorf("nn: the model has more than one linear layer, so it is not a softmax regression")
			}
			fc = l
		default:
			return nil, fmt.Errorf("nn: the model has a %s layer, so it is not a softmax regression", l.Spec().Type)
		}
	}
	return fc, nil
}
