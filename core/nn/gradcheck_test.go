package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The oracle for every backward pass is a central finite difference of a
// scalar loss, (L(w+h) - L(w-h)) / 2h, in float64. The loss is a fixed
// random linear functional of the layer output, L = Σ r_i y_i, so that
// every output element's gradient path is exercised, or softmax
// cross-entropy for whole networks.

const (
	fdStep = 1e-6
	fdTol  = 1e-6 // relative error allowed per element
)

func randVec(r *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = r.NormFloat64()
	}
	return v
}

// closeEnough reports whether analytic a and numeric b agree to fdTol
// relative error, with an absolute floor for values near zero.
func closeEnough(a, b float64) bool {
	return math.Abs(a-b) <= fdTol*math.Max(math.Abs(a)+math.Abs(b), 1e-2)
}

// sample returns up to k distinct indices below n, all of them if n <= k.
func sample(r *rand.Rand, n, k int) []int {
	if n <= k {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	return r.Perm(n)[:k]
}

// checkGrads compares the analytic gradients of loss(forward(x)) with
// finite differences for up to k entries of every parameter and of the
// input. forward must recompute from x and the current weights; backward
// must return dL/dx and leave dL/dw in the params' G.
func checkGrads(t *testing.T, name string, r *rand.Rand, x []float64, params []*Param,
	loss func() float64, backward func() []float64, k int) {
	t.Helper()
	for _, p := range params {
		clear(p.G)
	}
	dx := append([]float64(nil), backward()...)
	numeric := func(v []float64, i int) float64 {
		old := v[i]
		v[i] = old + fdStep
		lp := loss()
		v[i] = old - fdStep
		lm := loss()
		v[i] = old
		return (lp - lm) / (2 * fdStep)
	}
	for _, i := range sample(r, len(x), k) {
		if n := numeric(x, i); !closeEnough(dx[i], n) {
			t.Errorf("%s: dL/dx[%d] = %.10g, finite difference %.10g", name, i, dx[i], n)
		}
	}
	for _, p := range params {
		g := append([]float64(nil), p.G...)
		for _, i := range sample(r, len(p.W), k) {
			if n := numeric(p.W, i); !closeEnough(g[i], n) {
				t.Errorf("%s: dL/d%s[%d] = %.10g, finite difference %.10g", name, p.Name, i, g[i], n)
			}
		}
	}
}

// checkLayer checks one layer under the random linear loss.
func checkLayer(t *testing.T, name string, l Layer, batch int, r *rand.Rand) {
	t.Helper()
	x := randVec(r, batch*l.InShape().Size())
	w := randVec(r, batch*l.OutShape().Size())
	loss := func() float64 {
		y := l.Forward(x, batch)
		s := 0.0
		for i, v := range y {
			s += w[i] * v
		}
		return s
	}
	backward := func() []float64 {
		l.Forward(x, batch)
		return l.Backward(append([]float64(nil), w...), ParamGrad|InputGrad)
	}
	checkGrads(t, name, r, x, l.Params(), loss, backward, 60)
}

func TestLayerGradients(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	img := Shape{3, 7, 6}
	cases := []struct {
		name string
		l    Layer
	}{
		{"dense", NewDense("fc", img, 5, r)},
		{"conv k3 s1 p1", NewConv2D("c", img, 4, 3, 1, 1, r)},
		{"conv k5 s1 p2", NewConv2D("c", Shape{1, 9, 9}, 3, 5, 1, 2, r)},
		{"conv k3 s2 p0", NewConv2D("c", img, 2, 3, 2, 0, r)},
		{"conv k2 s3 p2", NewConv2D("c", img, 2, 2, 3, 2, r)},
		{"maxpool 2/2", NewMaxPool(img, 2, 2)},
		{"maxpool 3/2", NewMaxPool(img, 3, 2)},
		{"relu", NewReLU(img)},
		{"flatten", NewFlatten(img)},
	}
	for _, c := range cases {
		// Finite differences need the float64 forward pass (Conv2D).
		if conv, ok := c.l.(*Conv2D); ok {
			conv.SetFloat64(true)
		}
		t.Run(c.name, func(t *testing.T) { checkLayer(t, c.name, c.l, 3, r) })
	}
}

// TestNetworkGradients checks whole networks under cross-entropy, the way
// training and attacks use them.
func TestNetworkGradients(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	cases := []struct {
		name  string
		in    Shape
		specs []LayerSpec
	}{
		{"linear", MNIST, LinearArch(MNIST, 10)},
		{"mlp", MNIST, MLPArch(MNIST, []int{16, 12}, 10)},
		{"cnn", MNIST, CNNArch()},
		{"toy", Shape{2, 1, 1}, MLPArch(Shape{2, 1, 1}, []int{8}, 2)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			net, err := New(c.in, c.specs, r)
			if err != nil {
				t.Fatal(err)
			}
			net.SetFloat64(true) // finite differences need it (Conv2D)
			// Biases start at zero; make them random so their paths count.
			for _, p := range net.Params() {
				for i := range p.W {
					p.W[i] += 0.1 * r.NormFloat64()
				}
			}
			const batch = 2
			x := make([]float64, batch*c.in.Size())
			for i := range x {
				x[i] = r.Float64()
			}
			labels := []int{1, 0}
			k := net.Classes()
			loss := func() float64 {
				return CrossEntropy(nil, net.Forward(x, batch), labels, k, 1)
			}
			backward := func() []float64 {
				d := make([]float64, batch*k)
				CrossEntropy(d, net.Forward(x, batch), labels, k, 1)
				return net.Backward(d, ParamGrad|InputGrad)
			}
			checkGrads(t, c.name, r, x, net.Params(), loss, backward, 40)
		})
	}
}

// TestInputGradientMatchesFullBackward checks that the attack path
// (InputGradient, no parameter gradients) returns what the training path
// returns and leaves parameter gradients untouched.
func TestInputGradientMatchesFullBackward(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	net, err := New(MNIST, CNNArch(), r)
	if err != nil {
		t.Fatal(err)
	}
	x := randVec(r, 3*784)
	d := randVec(r, 3*10)
	net.Forward(x, 3)
	full := append([]float64(nil), net.Backward(d, ParamGrad|InputGrad)...)
	net.ZeroGrad()
	net.Logits(x, 3)
	only := net.InputGradient(d)
	for i := range full {
		if full[i] != only[i] {
			t.Fatalf("input gradient [%d] = %v with parameter gradients, %v without", i, full[i], only[i])
		}
	}
	for _, p := range net.Params() {
		for _, g := range p.G {
			if g != 0 {
				t.Fatalf("InputGradient changed the gradient of %s", p.Name)
			}
		}
	}
}

func TestCrossEntropyKnownValue(t *testing.T) {
	// Two equal logits: loss log 2, gradient (1/2, -1/2).
	d := make([]float64, 2)
	got := CrossEntropy(d, []float64{3, 3}, []int{1}, 2, 1)
	if math.Abs(got-math.Ln2) > 1e-15 || math.Abs(d[0]-0.5) > 1e-15 || math.Abs(d[1]+0.5) > 1e-15 {
		t.Fatalf("CrossEntropy = %v, %v; want ln 2, [0.5 -0.5]", got, d)
	}
	// Large logits must not overflow.
	if got := CrossEntropy(nil, []float64{1000, 0}, []int{0}, 2, 1); got != 0 || math.IsNaN(got) {
		t.Fatalf("CrossEntropy of a confident logit = %v, want 0", got)
	}
}
