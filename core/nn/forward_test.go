package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The gradient checks prove that each backward pass differentiates its
// forward pass; these tests prove the forward passes compute the layer's
// formula, against direct loops over the definition.

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
		l := NewConv2D("c", c.in, c.out, c.k, c.s, c.p, r)
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
						want := l.bias.W[f]
						for ch := 0; ch < c.in.C; ch++ {
							for u := 0; u < c.k; u++ {
								for v := 0; v < c.k; v++ {
									yy, xx := i*c.s-c.p+u, j*c.s-c.p+v
									if yy < 0 || yy >= c.in.H || xx < 0 || xx >= c.in.W {
										continue
									}
									want += l.weight.W[((f*c.in.C+ch)*c.k+u)*c.k+v] * x[((b*c.in.C+ch)*c.in.H+yy)*c.in.W+xx]
								}
							}
						}
						got := y[((b*c.out+f)*o.H+i)*o.W+j]
						if math.Abs(got-want) > 1e-12*(1+math.Abs(want)) {
							t.Fatalf("%+v: y[%d,%d,%d,%d] = %v, want %v", c, b, f, i, j, got, want)
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
