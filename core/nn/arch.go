package nn

import (
	"fmt"
	"math/rand/v2"
)

// LayerSpec is one layer of an architecture as stored in a weights file's
// "arch" metadata, a JSON array of these records, e.g.
//
//	{"type":"conv2d","name":"conv1","in":1,"out":8,"kernel":5,"stride":1,"pad":2}
//	{"type":"relu"}
//	{"type":"maxpool","size":2,"stride":2}
//	{"type":"flatten"}
//	{"type":"linear","name":"fc","in":784,"out":10}
//
// Name prefixes the layer's tensor names (name.weight, name.bias); In and
// Out are channels for conv2d and features for linear.
type LayerSpec struct {
	Type   string `json:"type"`
	Name   string `json:"name,omitempty"`
	In     int    `json:"in,omitempty"`
	Out    int    `json:"out,omitempty"`
	Kernel int    `json:"kernel,omitempty"`
	Stride int    `json:"stride,omitempty"`
	Pad    int    `json:"pad,omitempty"`
	Size   int    `json:"size,omitempty"`
}

// Limits on architectures read from files, checked before any allocation.
const (
	MaxLayers     = 64
	MaxParams     = 1 << 24 // parameters in all layers together
	MaxActivation = 1 << 22 // elements of one example's activation
	maxDim        = 1 << 16
	// MaxFLOPs caps one example's forward pass: 1 GFLOP, over 600 times
	// the zoo's cnn (1.6 MFLOP), so a page that classifies hundreds of
	// noisy copies per second stays responsive.
	MaxFLOPs = 1e9
	// MaxBatchBytes is the activation memory a batch may take: Logits
	// splits larger batches (see Cost.MaxBatch); an architecture whose
	// single example does not fit is refused. The zoo's cnn keeps 0.65 MB
	// per example, so 103 examples fit.
	MaxBatchBytes = 64 << 20
)

// Cost is what one example costs a network, computed from its
// architecture before anything is allocated.
type Cost struct {
	Params      int     // parameter values
	Activations int     // float64 values of every layer's output for one example (the memory a batch grows by per example)
	Scratch     int     // float64 values of per-batch scratch that does not grow with the batch (convolutions' im2col matrices)
	FLOPs       float64 // floating-point operations of one forward pass (a multiply-add counts 2)
}

// MaxBatch returns how many examples fit in MaxBatchBytes of activations
// (8 bytes a value), at least 1.
func (c Cost) MaxBatch() int {
	return max(1, (MaxBatchBytes/8-c.Scratch)/max(c.Activations, 1))
}

// MNIST is the input shape of every MNIST model: one 28×28 channel.
var MNIST = Shape{1, 28, 28}

// LinearArch returns softmax regression from in to classes: a flatten and
// one linear layer named fc.
func LinearArch(in Shape, classes int) []LayerSpec {
	return []LayerSpec{{Type: "flatten"}, {Type: "linear", Name: "fc", In: in.Size(), Out: classes}}
}

// MLPArch returns a multilayer perceptron from in to classes with ReLU
// hidden layers of the given sizes, named fc1, fc2, … and fc for the
// output layer.
func MLPArch(in Shape, hidden []int, classes int) []LayerSpec {
	specs := []LayerSpec{{Type: "flatten"}}
	n := in.Size()
	for i, h := range hidden {
		specs = append(specs, LayerSpec{Type: "linear", Name: fmt.Sprintf("fc%d", i+1), In: n, Out: h}, LayerSpec{Type: "relu"})
		n = h
	}
	return append(specs, LayerSpec{Type: "linear", Name: "fc", In: n, Out: classes})
}

// CNNArch returns ConvNetJS's MNIST network for 1×28×28 inputs: conv 5×5
// with 8 filters, pad 2, ReLU, max-pool 2 → conv 5×5 with 16 filters,
// pad 2, ReLU, max-pool 2 → linear 784 → 10. About 0.8 million
// multiply-adds (1.6 MFLOP) per example forward.
func CNNArch() []LayerSpec {
	return []LayerSpec{
		{Type: "conv2d", Name: "conv1", In: 1, Out: 8, Kernel: 5, Stride: 1, Pad: 2},
		{Type: "relu"},
		{Type: "maxpool", Size: 2, Stride: 2},
		{Type: "conv2d", Name: "conv2", In: 8, Out: 16, Kernel: 5, Stride: 1, Pad: 2},
		{Type: "relu"},
		{Type: "maxpool", Size: 2, Stride: 2},
		{Type: "flatten"},
		{Type: "linear", Name: "fc", In: 7 * 7 * 16, Out: 10},
	}
}

// Archs are the architectures MNISTArch builds, by name.
var Archs = []string{"linear", "mlp", "cnn"}

// MNISTArch returns the layers of the named architecture for MNIST's
// 1×28×28 inputs and 10 classes: "linear" (LinearArch), "mlp" (MLPArch
// with the hidden layer sizes given) or "cnn" (CNNArch). hidden is read
// only for "mlp". An unknown name or an empty hidden list for "mlp" is an
// error that names the choices.
func MNISTArch(arch string, hidden []int) ([]LayerSpec, error) {
	switch arch {
	case "linear":
		return LinearArch(MNIST, 10), nil
	case "cnn":
		return CNNArch(), nil
	case "mlp":
		if len(hidden) == 0 {
			return nil, &ArchError{Layer: -1, Msg: "an mlp needs at least one hidden layer"}
		}
		return MLPArch(MNIST, hidden, 10), nil
	}
	return nil, &ArchError{Layer: -1, Msg: fmt.Sprintf("%q is not an architecture; want linear, mlp or cnn", arch)}
}

// ArchError reports an architecture that cannot be built.
type ArchError struct {
	Layer int // index in the spec list, or -1 for the whole list
	Msg   string
}

// Error names the layer at fault, if any, and the problem.
func (e *ArchError) Error() string {
	if e.Layer < 0 {
		return "nn: architecture: " + e.Msg
	}
	return fmt.Sprintf("nn: architecture layer %d: %s", e.Layer, e.Msg)
}

// New builds a network for inputs of shape in from specs, with weights
// initialized from r (He normal, zero biases; all zero if r is nil). It validates every record
// (types, channel and feature counts against the shapes flowing through,
// unique names, the size limits above) before allocating, and returns an
// *ArchError for a list that does not describe a network.
func New(in Shape, specs []LayerSpec, r *rand.Rand) (*Network, error) {
	cost, err := validate(in, specs)
	if err != nil {
		return nil, err
	}
	n := &Network{in: in, cost: cost}
	s := in
	for _, sp := range specs {
		var l Layer
		switch sp.Type {
		case "conv2d":
			l = NewConv2D(sp.Name, s, sp.Out, sp.Kernel, sp.Stride, sp.Pad, r)
		case "linear":
			l = NewDense(sp.Name, s, sp.Out, r)
		case "relu":
			l = NewReLU(s)
		case "maxpool":
			l = NewMaxPool(s, sp.Size, sp.Stride)
		case "flatten":
			l = NewFlatten(s)
		}
		n.layers = append(n.layers, l)
		s = l.OutShape()
	}
	n.collect()
	return n, nil
}

// validate walks specs through the shapes they produce without
// allocating, and returns what one example costs.
func validate(in Shape, specs []LayerSpec) (Cost, error) {
	c, err := walk(in, specs)
	if err != nil {
		return c, err
	}
	switch {
	case c.FLOPs > MaxFLOPs:
		return c, &ArchError{-1, fmt.Sprintf("the network needs %.2g FLOPs per example, over the limit of %.0g: use a smaller network", c.FLOPs, float64(MaxFLOPs))}
	case 8*(c.Activations+c.Scratch) > MaxBatchBytes:
		return c, &ArchError{-1, fmt.Sprintf("one example needs %d MB of activations, over the limit of %d MB: use a smaller network", 8*(c.Activations+c.Scratch)>>20, MaxBatchBytes>>20)}
	}
	return c, nil
}

// walk checks each record against the shape flowing into it and adds up
// the cost.
func walk(in Shape, specs []LayerSpec) (Cost, error) {
	var c Cost
	if in.C <= 0 || in.H <= 0 || in.W <= 0 || in.C > maxDim || in.H > maxDim || in.W > maxDim || in.Size() > MaxActivation {
		return c, &ArchError{-1, fmt.Sprintf("input shape %v is not usable", in)}
	}
	if len(specs) == 0 || len(specs) > MaxLayers {
		return c, &ArchError{-1, fmt.Sprintf("%d layers; want 1 to %d", len(specs), MaxLayers)}
	}
	names := map[string]bool{}
	params := 0
	s := in
	for i, sp := range specs {
		fail := func(format string, a ...any) (Cost, error) { return c, &ArchError{i, fmt.Sprintf(format, a...)} }
		switch sp.Type {
		case "conv2d", "linear":
			if sp.Name == "" {
				return fail("%s layer needs a name", sp.Type)
			}
			if names[sp.Name] {
				return fail("name %q used twice", sp.Name)
			}
			names[sp.Name] = true
		}
		switch sp.Type {
		case "conv2d":
			if sp.In != s.C {
				return fail("conv2d %s expects %d input channels but receives %v", sp.Name, sp.In, s)
			}
			if sp.Out <= 0 || sp.Out > maxDim || sp.Kernel <= 0 || sp.Kernel > 64 || sp.Stride <= 0 || sp.Stride > 64 || sp.Pad < 0 || sp.Pad > 64 {
				return fail("conv2d %s has out %d, kernel %d, stride %d, pad %d; want positive out, kernel and stride up to 64 and pad 0 to 64",
					sp.Name, sp.Out, sp.Kernel, sp.Stride, sp.Pad)
			}
			ho := (s.H+2*sp.Pad-sp.Kernel)/sp.Stride + 1
			wo := (s.W+2*sp.Pad-sp.Kernel)/sp.Stride + 1
			if s.H+2*sp.Pad < sp.Kernel || s.W+2*sp.Pad < sp.Kernel {
				return fail("conv2d %s kernel %d does not fit %v with pad %d", sp.Name, sp.Kernel, s, sp.Pad)
			}
			params += sp.Out*s.C*sp.Kernel*sp.Kernel + sp.Out
			cols := s.C * sp.Kernel * sp.Kernel * ho * wo
			s = Shape{sp.Out, ho, wo}
			if s.C*s.H*s.W > MaxActivation || cols > MaxActivation {
				return fail("conv2d %s output %v is too large", sp.Name, s)
			}
			c.Scratch += cols
			c.FLOPs += float64(2 * float64(cols) * float64(sp.Out))
		case "linear":
			if sp.In != s.Size() {
				return fail("linear %s expects %d inputs but receives %v = %d", sp.Name, sp.In, s, s.Size())
			}
			if sp.Out <= 0 || sp.Out > MaxActivation {
				return fail("linear %s has %d outputs", sp.Name, sp.Out)
			}
			if sp.Out > MaxParams/sp.In {
				return fail("linear %s has too many weights", sp.Name)
			}
			params += sp.In*sp.Out + sp.Out
			c.FLOPs += float64(2 * float64(sp.In) * float64(sp.Out))
			s = Shape{sp.Out, 1, 1}
		case "relu", "flatten":
			if sp.Type == "flatten" {
				s = s.Flat()
			}
		case "maxpool":
			if sp.Size <= 0 || sp.Stride <= 0 || sp.Size > s.H || sp.Size > s.W || sp.Stride > 64 {
				return fail("maxpool size %d stride %d does not fit %v", sp.Size, sp.Stride, s)
			}
			s = Shape{s.C, (s.H-sp.Size)/sp.Stride + 1, (s.W-sp.Size)/sp.Stride + 1}
		default:
			return fail("unknown layer type %q; want conv2d, linear, relu, maxpool or flatten", sp.Type)
		}
		if params > MaxParams {
			return fail("more than %d parameters", MaxParams)
		}
		c.Activations += s.Size()
	}
	if s.H != 1 || s.W != 1 || s.C < 2 {
		return c, &ArchError{-1, fmt.Sprintf("output shape %v is not a vector of at least 2 class scores", s)}
	}
	c.Params = params
	return c, nil
}
