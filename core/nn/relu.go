package nn

// ReLU is the rectifier y = max(0, x), elementwise. Its gradient at 0 is
// taken as 0, as in PyTorch.
type ReLU struct {
	in    Shape
	y, dx []float64
}

// NewReLU returns a rectifier on inputs of shape in.
func NewReLU(in Shape) *ReLU { return &ReLU{in: in} }

// Spec returns the architecture record.
func (l *ReLU) Spec() LayerSpec { return LayerSpec{Type: "relu"} }

// InShape returns the input shape.
func (l *ReLU) InShape() Shape { return l.in }

// OutShape returns the input shape.
func (l *ReLU) OutShape() Shape { return l.in }

// Params returns nil.
func (l *ReLU) Params() []*Param { return nil }

// Forward computes max(0, x).
func (l *ReLU) Forward(x []float64, batch int) []float64 {
	checkBatch("relu", x, batch, l.in.Size())
	l.y = grow(l.y, len(x))
	if !reluKernel(l.y[:len(x)], x) {
		reluGo(l.y[:len(x)], x)
	}
	return l.y
}

// reluGo is the rectifier in Go, the SIMD kernel's twin.
func reluGo(y, x []float64) {
	y = y[:len(x)]
	for i, v := range x {
		// max(v, 0) bit for bit (-0 gives +0, NaN stays NaN), without
		// the call the wasm back end makes for the builtin max.
		if v <= 0 {
			v = 0
		}
		y[i] = v
	}
}

// Backward passes dy where the output was positive.
func (l *ReLU) Backward(dy []float64, want Grad) []float64 {
	if len(dy) != len(l.y) {
		panic("nn: relu backward got a gradient of the wrong size")
	}
	if want&InputGrad == 0 {
		return nil
	}
	l.dx = grow(l.dx, len(dy))
	if !reluGradKernel(l.dx[:len(dy)], dy, l.y[:len(dy)]) {
		reluGradGo(l.dx[:len(dy)], dy, l.y[:len(dy)])
	}
	return l.dx
}

// reluGradGo sets dx[i] = y[i] > 0 ? dy[i] : 0 in Go, the SIMD kernel's
// twin.
func reluGradGo(dx, dy, y []float64) {
	dx, dy = dx[:len(y)], dy[:len(y)]
	for i, v := range y {
		if v > 0 {
			dx[i] = dy[i]
		} else {
			dx[i] = 0
		}
	}
}

func (l *ReLU) clone() Layer { return NewReLU(l.in) }

// Flatten reshapes C×H×W to a vector of C·H·W features in C,H,W order
// (PyTorch's nn.Flatten). The data do not move.
type Flatten struct {
	in Shape
	n  int
}

// NewFlatten returns a flatten layer on inputs of shape in.
func NewFlatten(in Shape) *Flatten { return &Flatten{in: in} }

// Spec returns the architecture record.
func (f *Flatten) Spec() LayerSpec { return LayerSpec{Type: "flatten"} }

// InShape returns the input shape.
func (f *Flatten) InShape() Shape { return f.in }

// OutShape returns the flattened shape.
func (f *Flatten) OutShape() Shape { return f.in.Flat() }

// Params returns nil.
func (f *Flatten) Params() []*Param { return nil }

// Forward returns x itself.
func (f *Flatten) Forward(x []float64, batch int) []float64 {
	checkBatch("flatten", x, batch, f.in.Size())
	f.n = len(x)
	return x
}

// Backward returns dy itself.
func (f *Flatten) Backward(dy []float64, want Grad) []float64 {
	if len(dy) != f.n {
		panic("nn: flatten backward got a gradient of the wrong size")
	}
	if want&InputGrad == 0 {
		return nil
	}
	return dy
}

func (f *Flatten) clone() Layer { return NewFlatten(f.in) }
