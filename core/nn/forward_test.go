package nn

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// The gradient checks prove that each backward pass differentiates its
// forward pass; these tests prove the forward passes compute the layer's
// formula, against direct loops over the definition.

// TestConvForwardMatchesDefinition: by default each output is the sum in
// float32, bit for bit (bias, then every product of a weight and an
// input pixel rounded to float32, 0 outside the input, in (channel, u, v)
// order); with SetFloat64 it is the float64 sum, to 1e-12.
func TestConvForwardMatchesDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, c := range []struct {
		in           Shape
		out, k, s, p int
	}{
		{Shape{1, 28, 28}, 8, 5, 1, 2},
		{Shape{3, 7, 6}, 4, 3, 1, 1},
		{Shape{3, 7, 6}, 2, 3, 2, 0},
		{Shape{2, 5, 9}, 3, 2, 3, 2},
		{Shape{2, 4, 4}, 2, 4, 1, 5},
	} {
		for _, exact := range []bool{false, true} {
			l := NewConv2D("c", c.in, c.out, c.k, c.s, c.p, r)
			l.SetFloat64(exact)
			for i := range l.bias.W {
				l.bias.W[i] = r.NormFloat64()
			}
			const batch = 2
			x := randVec(r, batch*c.in.Size())
			y := l.Forward(x, batch)
			o := l.OutShape()
			for b := range batch {
				for f := 0; f < c.out; f++ {
					for i := 0; i < o.H; i++ {
						for j := 0; j < o.W; j++ {
							want, want32 := l.bias.W[f], float32(l.bias.W[f])
							for ch := 0; ch < c.in.C; ch++ {
								for u := 0; u < c.k; u++ {
									for v := 0; v < c.k; v++ {
										yy, xx := i*c.s-c.p+u, j*c.s-c.p+v
										px := 0.0
										if yy >= 0 && yy < c.in.H && xx >= 0 && xx < c.in.W {
											px = x[((b*c.in.C+ch)*c.in.H+yy)*c.in.W+xx]
										}
										w := l.weight.W[((f*c.in.C+ch)*c.k+u)*c.k+v]
										want += w * px
										want32 += float32(float32(w) * float32(px))
									}
								}
							}
							got := y[((b*c.out+f)*o.H+i)*o.W+j]
							if exact && math.Abs(got-want) > 1e-12*(1+math.Abs(want)) || !exact && got != float64(want32) {
								t.Fatalf("%+v, float64 %v: y[%d,%d,%d,%d] = %v, want %v (float32 %v)", c, exact, b, f, i, j, got, want, want32)
							}
						}
					}
				}
			}
		}
	}
}

func TestPoolDenseReluForwardMatchDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	in := Shape{3, 7, 6}
	x := randVec(r, 2*in.Size())
	for _, sz := range [][2]int{{2, 2}, {3, 2}, {2, 1}} {
		m := NewMaxPool(in, sz[0], sz[1])
		y := m.Forward(x, 2)
		o := m.OutShape()
		for b := range 2 {
			for c := 0; c < in.C; c++ {
				for i := 0; i < o.H; i++ {
					for j := 0; j < o.W; j++ {
						want := math.Inf(-1)
						for u := 0; u < sz[0]; u++ {
							for v := 0; v < sz[0]; v++ {
								want = math.Max(want, x[((b*in.C+c)*in.H+i*sz[1]+u)*in.W+j*sz[1]+v])
							}
						}
						if got := y[((b*in.C+c)*o.H+i)*o.W+j]; got != want {
							t.Fatalf("maxpool %v: got %v want %v", sz, got, want)
						}
					}
				}
			}
		}
	}
	d := NewDense("fc", in, 5, r)
	y := d.Forward(x, 2)
	for b := range 2 {
		for o := range 5 {
			want := d.bias.W[o]
			for i := 0; i < in.Size(); i++ {
				want += d.weight.W[o*in.Size()+i] * x[b*in.Size()+i]
			}
			if got := y[b*5+o]; math.Abs(got-want) > 1e-12*(1+math.Abs(want)) {
				t.Fatalf("dense y[%d,%d] = %v, want %v", b, o, got, want)
			}
		}
	}
	rl := NewReLU(in)
	for i, v := range rl.Forward(x, 2) {
		if v != math.Max(x[i], 0) {
			t.Fatalf("relu(%v) = %v", x[i], v)
		}
	}
}

// TestReLUBits: the rectifier's bits at the special values are those of
// v <= 0 ? +0 : v (so -0 gives +0 and every NaN stays itself).
func TestReLUBits(t *testing.T) {
	x := []float64{0, math.Copysign(0, -1), 1, -1, math.Inf(1), math.Inf(-1), math.NaN(),
		math.Float64frombits(0xfff8000000000001), math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64,
		math.MaxFloat64, -math.MaxFloat64, 0.25, -0.25}
	y := NewReLU(Shape{1, 1, len(x)}).Forward(x, 1)
	for i, v := range x {
		want := v
		if v <= 0 {
			want = 0
		}
		if math.Float64bits(y[i]) != math.Float64bits(want) {
			t.Errorf("relu(%v) has bits %#x, want %#x", v, math.Float64bits(y[i]), math.Float64bits(want))
		}
	}
}

// TestCostOfTheZoo: the cnn's cost by hand (ConvNetJS's MNIST network):
// 1.6 MFLOP and 80,762 activation values per example, of which the
// im2col scratch is 58,800.
func TestCostOfTheZoo(t *testing.T) {
	net, err := New(MNIST, CNNArch(), nil)
	if err != nil {
		t.Fatal(err)
	}
	c := net.Cost()
	// conv1: 25·784 columns × 8 filters; conv2: 200·196 × 16; fc: 784 × 10.
	flops := 2.0 * (25*784*8 + 200*196*16 + 784*10)
	acts := 6272 + 6272 + 1568 + 3136 + 3136 + 784 + 784 + 10
	if c.FLOPs != flops || c.Activations != acts || c.Scratch != 25*784+200*196 || c.Params != net.NumParams() {
		t.Errorf("cost %+v, want %v FLOPs, %d activations, %d scratch, %d params", c, flops, acts, 25*784+200*196, net.NumParams())
	}
	if b := c.MaxBatch(); b < 100 || 8*(b*c.Activations+c.Scratch) > MaxBatchBytes {
		t.Errorf("MaxBatch %d: the noise batches of 100 would be split, or a batch exceeds the budget", b)
	}
}

// TestBudgetRefusesHugeNetworks: an architecture over the FLOP or the
// activation budget is refused before allocation, with a sentence.
func TestBudgetRefusesHugeNetworks(t *testing.T) {
	conv := func(name string, in, out int) LayerSpec {
		return LayerSpec{Type: "conv2d", Name: name, In: in, Out: out, Kernel: 5, Stride: 1, Pad: 2}
	}
	// 2·(25·784·64 + 64·25·784·128 + 2·128·25·784·128) ≈ 1.6 GFLOP.
	wide := []LayerSpec{conv("c1", 1, 64), conv("c2", 64, 128), conv("c3", 128, 128), conv("c4", 128, 128),
		{Type: "flatten"}, {Type: "linear", Name: "fc", In: 128 * 784, Out: 10}}
	if _, err := New(MNIST, wide, nil); err == nil || !strings.Contains(err.Error(), "FLOPs") {
		t.Errorf("a 1.6 GFLOP network: %v", err)
	}
	big := []LayerSpec{{Type: "flatten"}, {Type: "linear", Name: "a", In: 784, Out: 3000}, {Type: "linear", Name: "b", In: 3000, Out: 3000}, {Type: "linear", Name: "c", In: 3000, Out: 2}}
	if _, err := New(MNIST, big, nil); err != nil {
		t.Errorf("an 11M-parameter MLP within the budgets was refused: %v", err)
	}
	tall := Shape{1, 2048, 2048}
	if _, err := New(tall, []LayerSpec{{Type: "relu"}, {Type: "relu"}, {Type: "flatten"}, {Type: "linear", Name: "fc", In: 2048 * 2048, Out: 2}}, nil); err == nil || !strings.Contains(err.Error(), "MB of activations") {
		t.Errorf("an example of 3 × 4M activations: %v", err)
	}
}

// TestLogitsSplitsLargeBatches: a batch over MaxBatch is evaluated in
// pieces with exactly the logits of one-by-one evaluation, and a gradient
// is refused after it.
func TestLogitsSplitsLargeBatches(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	net, err := New(MNIST, CNNArch(), r)
	if err != nil {
		t.Fatal(err)
	}
	n := net.Cost().MaxBatch() + 7
	x := make([]float64, n*784)
	for i := range x {
		x[i] = r.Float64()
	}
	got := append([]float64(nil), net.Logits(x, n)...)
	for i := range n {
		one := net.Logits(x[i*784:(i+1)*784], 1)
		for c := range 10 {
			if got[i*10+c] != one[c] {
				t.Fatalf("example %d class %d: %v in the split batch, %v alone", i, c, got[i*10+c], one[c])
			}
		}
	}
	net.Logits(x, n)
	defer func() {
		if recover() == nil {
			t.Error("InputGradient after a split batch did not panic")
		}
	}()
	net.InputGradient(make([]float64, n*10))
}
