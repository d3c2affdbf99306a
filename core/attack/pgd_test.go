package attack

import (
	"math"
	"math/rand/v2"
	"testing"

	"noiseball/core/assettest"
	"noiseball/core/nn"
)

func randomNet(t *testing.T, seed uint64) *nn.Network {
	net, err := nn.New(nn.MNIST, nn.CNNArch(), rand.New(rand.NewPCG(seed, 1)))
	if err != nil {
		t.Fatal(err)
	}
	return net
}

func norms(d []float64) (l2, linf float64) {
	for _, v := range d {
		l2 += v * v
		linf = math.Max(linf, math.Abs(v))
	}
	return math.Sqrt(l2), linf
}

// TestStaysInBall: every PGD variant returns points within eps of the
// clean input in its norm, inside [0,1] when clipping.
func TestStaysInBall(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	net := randomNet(t, 3)
	const batch = 4
	x := make([]float64, batch*784)
	for i := range x {
		x[i] = r.Float64()
	}
	labels := []int{0, 3, 5, 9}
	for _, norm := range []Norm{L2, LInf} {
		for _, clip := range []bool{false, true} {
			for _, rs := range []bool{false, true} {
				eps := map[Norm]float64{L2: 1.5, LInf: 0.1}[norm]
				p := PGD{Norm: norm, Eps: eps, Steps: 5, Step: eps / 2, RandomStart: rs, Clip: clip}
				adv := make([]float64, len(x))
				p.Perturb(net, adv, x, labels, r)
				for b := range batch {
					d := make([]float64, 784)
					for i := range d {
						d[i] = adv[b*784+i] - x[b*784+i]
						if clip && (adv[b*784+i] < 0 || adv[b*784+i] > 1) {
							t.Fatalf("%v clip: pixel %v outside [0,1]", norm, adv[b*784+i])
						}
					}
					l2, linf := norms(d)
					got := map[Norm]float64{L2: l2, LInf: linf}[norm]
					if got > eps*(1+1e-12) {
						t.Errorf("%v eps %v (clip %v, random start %v): perturbation norm %v", norm, eps, clip, rs, got)
					}
					if got == 0 {
						t.Errorf("%v: PGD did not move example %d", norm, b)
					}
				}
			}
		}
	}
}

// TestIncreasesLoss: PGD must raise the cross-entropy it ascends.
func TestIncreasesLoss(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 5))
	net := randomNet(t, 6)
	x := make([]float64, 2*784)
	for i := range x {
		x[i] = r.Float64()
	}
	labels := []int{1, 7}
	before := nn.CrossEntropy(nil, net.Logits(x, 2), labels, 10, 1)
	for _, p := range []PGD{{Norm: L2, Eps: 1, Steps: 10, Step: 0.2}, {Norm: LInf, Eps: 0.05, Steps: 10, Step: 0.01}} {
		adv := make([]float64, len(x))
		p.Perturb(net, adv, x, labels, nil)
		if after := nn.CrossEntropy(nil, net.Logits(adv, 2), labels, 10, 1); after <= before {
			t.Errorf("%v: loss went from %v to %v", p.Norm, before, after)
		}
	}
}

// twoClassLinear returns a 2-class linear model on n inputs whose logit
// difference is z1 - z0 = w·x + c, and the distance of x to its boundary.
func twoClassLinear(t *testing.T, n int, r *rand.Rand) *nn.Network {
	net, err := nn.New(nn.Vector(n), nn.LinearArch(nn.Vector(n), 2), r)
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// TestLinearExactThreshold: for a two-class linear model the gradient
// direction is constant, so L2 PGD with early stop flips the class
// exactly when eps exceeds the distance |z1-z0|/‖w1-w0‖ to the boundary,
// and L∞ PGD exactly when eps exceeds |z1-z0|/‖w1-w0‖₁. This also shows
// success is monotone in eps.
func TestLinearExactThreshold(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	const n = 30
	net := twoClassLinear(t, n, r)
	w := net.Param("fc.weight").W
	for trial := range 20 {
		x := make([]float64, n)
		for i := range x {
			x[i] = r.NormFloat64()
		}
		z := net.Logits(x, 1)
		y := 0
		if z[1] > z[0] {
			y = 1
		}
		margin := math.Abs(z[1] - z[0])
		l2, l1 := 0.0, 0.0
		for i := range n {
			d := w[n+i] - w[i]
			l2 += d * d
			l1 += math.Abs(d)
		}
		dist := map[Norm]float64{L2: margin / math.Sqrt(l2), LInf: margin / l1}
		for _, norm := range []Norm{L2, LInf} {
			for _, f := range []float64{0.9, 0.99, 1.01, 1.1, 2} {
				eps := f * dist[norm]
				p := PGD{Norm: norm, Eps: eps, Steps: 50, Step: eps / 10, EarlyStop: true}
				adv := make([]float64, n)
				p.Perturb(net, adv, x, []int{y}, nil)
				za := net.Logits(adv, 1)
				flipped := (za[1] > za[0]) != (y == 1)
				if flipped != (f > 1) {
					t.Errorf("trial %d %v: eps = %.2f × distance, flipped = %v", trial, norm, f, flipped)
				}
			}
		}
	}
}

func TestParseNorm(t *testing.T) {
	for s, want := range map[string]Norm{"l2": L2, "linf": LInf} {
		if got, err := ParseNorm(s); err != nil || got != want || got.String() != s {
			t.Errorf("ParseNorm(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseNorm("l1"); err == nil {
		t.Error("ParseNorm accepted l1")
	}
}

// TestTargetedReachesTarget: with a large enough L∞ ball, targeted PGD
// with early stop drives a random CNN to the chosen class, and stops
// there.
func TestTargetedReachesTarget(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	net := randomNet(t, 10)
	const batch = 6
	x := make([]float64, batch*784)
	for i := range x {
		x[i] = r.Float64()
	}
	targets := []int{0, 2, 4, 6, 8, 9}
	adv := make([]float64, len(x))
	PGD{Norm: LInf, Eps: 0.5, Steps: 100, Step: 0.02, Targeted: true, EarlyStop: true}.Perturb(net, adv, x, targets, nil)
	pred := make([]int, batch)
	nn.Argmax(pred, net.Logits(adv, batch), 10)
	for b, tg := range targets {
		if pred[b] != tg {
			t.Errorf("example %d: reached class %d, target %d", b, pred[b], tg)
		}
	}
}

// TestFGSMIsOneSignStep: the fast gradient sign method moves every pixel
// by exactly eps along the sign of the loss gradient.
func TestFGSMIsOneSignStep(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 10))
	net := randomNet(t, 11)
	x := make([]float64, 784)
	for i := range x {
		x[i] = r.Float64()
	}
	dl := make([]float64, 10)
	nn.CrossEntropy(dl, net.Logits(x, 1), []int{3}, 10, 1)
	g := append([]float64(nil), net.InputGradient(dl)...)
	adv := make([]float64, 784)
	FGSM(LInf, 0.1).Perturb(net, adv, x, []int{3}, nil)
	for i := range x {
		want := x[i]
		if g[i] > 0 {
			want += 0.1
		} else if g[i] < 0 {
			want -= 0.1
		}
		if math.Abs(adv[i]-want) > 1e-15 {
			t.Fatalf("pixel %d: %v, want %v", i, adv[i], want)
		}
	}
}

// TestSuccessMonotoneInEps: on real MNIST digits and the shipped linear
// model, the share of images that L2 and L∞ PGD (early stop) misclassify
// never falls as eps grows.
func TestSuccessMonotoneInEps(t *testing.T) {
	test := assettest.TestSet(t)
	net := assettest.Model(t, "linear-clean")
	const n = 40
	x := make([]float64, n*784)
	labels := make([]int, n)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	test.Batch(x, labels, idx)
	for _, c := range []struct {
		norm Norm
		eps  []float64
	}{{L2, []float64{0.25, 0.5, 0.75, 1, 1.5, 2}}, {LInf, []float64{0.01, 0.02, 0.04, 0.06, 0.1}}} {
		prev := -1
		for _, eps := range c.eps {
			adv := make([]float64, len(x))
			PGD{Norm: c.norm, Eps: eps, Steps: 40, Step: eps / 10, EarlyStop: true}.Perturb(net, adv, x, labels, nil)
			pred := make([]int, n)
			nn.Argmax(pred, net.Logits(adv, n), 10)
			fooled := 0
			for i := range pred {
				if pred[i] != labels[i] {
					fooled++
				}
			}
			if fooled < prev {
				t.Errorf("%v: %d fooled at eps %v, %d at the smaller eps before", c.norm, fooled, eps, prev)
			}
			prev = fooled
		}
		if prev < n/2 {
			t.Errorf("%v: only %d of %d fooled at the largest eps", c.norm, prev, n)
		}
	}
}
