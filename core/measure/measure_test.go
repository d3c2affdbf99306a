package measure

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"noiseball/core/assettest"
	"noiseball/core/attack"
	"noiseball/core/nn"
	"noiseball/core/noise"
	"noiseball/core/stats"
	"noiseball/core/step"
)

// TestFig4IsDistancesThenCertify: the run is noise.NoisyDistances
// followed by noise.Certify on the same random source, number for number,
// whatever μ is (each of those is checked against a plain-loop reference
// in package noise), and its progress climbs to its total.
func TestFig4IsDistancesThenCertify(t *testing.T) {
	for _, sigma := range []float64{0.05, 0.3, 1, 3} {
		net, x, y := assettest.SmallNet(t, 3)
		find := attack.Search{MaxEps: 10, Steps: 10, Bisections: 4, LineSteps: 8, Loss: attack.Margin}
		p := noise.DistanceParams{Sigma: sigma, RateSamples: 250, Starts: 5, Find: find}
		run := NewFig4(net, x, y, p, rand.New(rand.NewPCG(5, 6)))
		steps, last := 0, 0
		for !run.Step() {
			steps++
			d, tot := run.Progress()
			if d > tot || d < last {
				t.Fatalf("σ %v: progress %d of %d after %d", sigma, d, tot, last)
			}
			last = d
		}
		got := run.Point()

		r := rand.New(rand.NewPCG(5, 6))
		res := noise.NoisyDistances(net, x, y, p, r)
		c := noise.Certify(net, x, noise.CertifyParams{Sigma: sigma, Guess: CertifyGuess, Samples: 250, Alpha: CertifyAlpha}, r)
		if got.Mu != res.Rate.Mu() || got.Count != len(res.Values) || got.Median != res.Median || got.Bound != finiteOr(res.Bound, -1) {
			t.Errorf("σ %v: run %+v, NoisyDistances %+v", sigma, got, res)
		}
		want := 0.0
		if c.Class == y {
			want = c.Radius
		}
		if got.Certified != want {
			t.Errorf("σ %v: certified %v, Certify %+v", sigma, got.Certified, c)
		}
		if d, tot := run.Progress(); d != tot {
			t.Errorf("σ %v: done at %d of %d steps", sigma, d, tot)
		}
		t.Logf("σ %v: μ %v, %d distances, median %v, bound %v, certified %v, %d steps", sigma, got.Mu, got.Count, got.Median, got.Bound, got.Certified, steps)
	}
}

// TestFig2MatchesSigmaAt: the steppable run is noise.SigmaAt and a clean
// search, number for number.
func TestFig2MatchesSigmaAt(t *testing.T) {
	net, x, y := assettest.SmallNet(t, 4)
	find := attack.Fast(net)
	for _, label := range []int{y, (y + 1) % 4} {
		run := NewFig2(net, find, x, label, 120, rand.New(rand.NewPCG(7, 8)))
		step.Run(run)
		got := run.Point()
		sig := noise.SigmaAt(net, x, label, Fig2Sigma(120), rand.New(rand.NewPCG(7, 8)))
		want := Fig2Point{Sigma1: finiteOr(sig, -1), Distance: -1}
		if res := find.Nearest(net, x, label); res.Found {
			want.Distance = res.Distance
		}
		if got != want {
			t.Errorf("label %d: run %+v, SigmaAt and Nearest %+v", label, got, want)
		}
	}
}

// TestHalfSpaceSitsOnTheBound: for a linear two-class model every noisy
// start's nearest error is its distance to the one hyperplane, so the
// median distance is the bound -σΦ⁻¹(μ) up to sampling error, the Fig. 2
// ratio d/σ₁% is 2.326, and the smoothing radius is below the clean
// distance.
func TestHalfSpaceSitsOnTheBound(t *testing.T) {
	const n, d, sigma = 50, 0.6, 0.4
	net, err := nn.New(nn.Vector(n), nn.LinearArch(nn.Vector(n), 2), nil)
	if err != nil {
		t.Fatal(err)
	}
	net.Param("fc.weight").W[n] = 1 // z1 - z0 = x₀ - d
	net.Param("fc.bias").W[1] = -d
	s := Settings{Sigma: sigma, RateSamples: 4000, Starts: 41, Fig2Samples: 4000, Seed: 9}
	p := Run(net, "half-space", 0, make([]float64, n), 0, s)
	if r := p.Ratio(); math.Abs(r-1) > 0.15 {
		t.Errorf("median/bound = %v (median %v, bound %v), want 1", r, p.Median, p.Bound)
	}
	if !p.Fig4Point.inside(stats.LinearErrorRate(d, sigma)) {
		t.Errorf("μ interval %v misses the exact %v", p.MuCI, stats.LinearErrorRate(d, sigma))
	}
	if math.Abs(p.Distance-d) > 1e-9 {
		t.Errorf("clean distance %v, want %v", p.Distance, d)
	}
	if ratio := p.Distance / p.Sigma1; math.Abs(ratio-2.326) > 0.1 {
		t.Errorf("d/σ₁%% = %v, want 2.326", ratio)
	}
	if p.Certified <= 0 || p.Certified >= d {
		t.Errorf("certified radius %v, want in (0, %v)", p.Certified, d)
	}
	if p.Above {
		t.Errorf("a half-space is flagged above its own bound: %+v", p)
	}
}

func (p Fig4Point) inside(mu float64) bool { return p.MuCI[0] <= mu && mu <= p.MuCI[1] }

// TestRandStreams: the same (seed, experiment, model, image) gives the
// same stream, and changing any one of them another.
func TestRandStreams(t *testing.T) {
	first := func(r *rand.Rand) uint64 { return r.Uint64() }
	base := first(Rand(1, "fig4", "cnn-clean", 3))
	if first(Rand(1, "fig4", "cnn-clean", 3)) != base {
		t.Fatal("the same arguments gave different streams")
	}
	for _, r := range []*rand.Rand{Rand(2, "fig4", "cnn-clean", 3), Rand(1, "fig2", "cnn-clean", 3),
		Rand(1, "fig4", "cnn-gauss0.4", 3), Rand(1, "fig4", "cnn-clean", 4), Rand(1, "fig4c", "nn-clean", 3)} {
		if first(r) == base {
			t.Error("different arguments gave the same stream")
		}
	}
}

// TestSettingsValidate names bad settings and panics in NewImage on them.
func TestSettingsValidate(t *testing.T) {
	if err := DefaultSettings.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, s := range []Settings{{Sigma: 0, RateSamples: 1, Starts: 1, Fig2Samples: 1}, {Sigma: 0.3, RateSamples: 0, Starts: 1, Fig2Samples: 1},
		{Sigma: 0.3, RateSamples: 1, Starts: 0, Fig2Samples: 1}, {Sigma: 0.3, RateSamples: 1, Starts: 1, Fig2Samples: 0}, {Sigma: math.NaN(), RateSamples: 1, Starts: 1, Fig2Samples: 1}} {
		if s.Validate() == nil {
			t.Errorf("%+v passed", s)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("NewImage accepted σ = 0")
		}
	}()
	net, x, y := assettest.SmallNet(t, 1)
	NewImage(net, "m", 0, x, y, Settings{})
}

// TestPointJSONIsFlat: a Point is one JSON object with both figures'
// fields, as the page's export and `noiseball bound` write it.
func TestPointJSONIsFlat(t *testing.T) {
	var p Point
	fields := map[string]bool{}
	for _, v := range []any{p, p.Fig4Point, p.Fig2Point} {
		ty := reflect.TypeOf(v)
		for i := range ty.NumField() {
			if tag := ty.Field(i).Tag.Get("json"); tag != "" {
				if fields[tag] {
					t.Errorf("JSON field %q appears twice", tag)
				}
				fields[tag] = true
			}
		}
	}
}

// TestSummarize counts by hand-made points.
func TestSummarize(t *testing.T) {
	pt := func(median, bound float64, count int, above bool, sigma1, d, cert float64) Point {
		return Point{Fig4Point: Fig4Point{Median: median, Bound: bound, Count: count, Above: above, Certified: cert},
			Fig2Point: Fig2Point{Sigma1: sigma1, Distance: d}}
	}
	s := Summarize([]Point{
		pt(1, 1, 8, false, 0.5, 1, 0.2),  // ratio 1, near; d/σ 2
		pt(3, 1, 8, true, 0.5, 2, 0),     // ratio 3, above; d/σ 4
		pt(1.2, 1, 8, false, -1, 1, 0.4), // ratio 1.2, near; σ beyond the range
		pt(0, -1, 0, false, 0.2, 0.6, 0), // μ = 0: no bound; d/σ 3
		pt(0, 0, 0, false, 0, 0, 0),      // misclassified
	})
	want := Summary{Images: 5, Ratios: 3, MedianRatio: 1.2, Near: 2, Above: 1, Fig2: 3, Fig2Ratio: 3, Certified: 2, MedianCertR: 0.30000000000000004}
	if math.Abs(s.Fig2Ratio-3) < 1e-12 {
		s.Fig2Ratio = 3 // 0.6/0.2 in floating point
	}
	if s != want {
		t.Errorf("Summarize = %+v\nwant        %+v", s, want)
	}
}

// TestAgrees: last-bit differences agree; a different count, flag or
// distance does not.
func TestAgrees(t *testing.T) {
	p := Point{Index: 3, Label: 7, Fig4Point: Fig4Point{Mu: 0.05, MuCI: [2]float64{0.03820523677468964, 0.07}, Median: 0.5, Count: 8, Bound: 0.49}, Fig2Point: Fig2Point{Sigma1: 0.2, Distance: 0.55}}
	q := p
	q.MuCI[0] = 0.038205236774689504
	if !p.Agrees(q) || !p.Agrees(p) {
		t.Error("a last-bit difference disagrees")
	}
	for _, change := range []func(*Point){
		func(r *Point) { r.Count++ },
		func(r *Point) { r.Above = true },
		func(r *Point) { r.Distance *= 1 + 1e-9 },
		func(r *Point) { r.Index++ },
	} {
		r := p
		change(&r)
		if p.Agrees(r) {
			t.Errorf("%+v agrees with %+v", r, p)
		}
	}
}

// TestRandKnownAnswer: Rand is PCG seeded with seed XOR the 64-bit FNV-1a
// hash of experiment, a zero byte and model, on stream image, computed
// here with the standard library's hash/fnv. The page and the shipped
// results depend on this exact derivation.
func TestRandKnownAnswer(t *testing.T) {
	for _, c := range []struct {
		seed              uint64
		experiment, model string
		image             int
	}{{1, KeyFig4, "cnn-clean", 3}, {7, KeyFig2, "linear-gauss0.4", 9999}, {0, KeyCorrupt + " fog", "m", 0}} {
		h := fnv.New64a()
		h.Write([]byte(c.experiment + "\x00" + c.model))
		want := rand.New(rand.NewPCG(c.seed^h.Sum64(), uint64(c.image)))
		got := Rand(c.seed, c.experiment, c.model, c.image)
		for range 3 {
			if g, w := got.Uint64(), want.Uint64(); g != w {
				t.Fatalf("Rand(%d, %q, %q, %d) drew %x, want %x", c.seed, c.experiment, c.model, c.image, g, w)
			}
		}
	}
}
