package noise

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"noiseball/core/assettest"
	"noiseball/core/attack"
	"noiseball/core/nn"
	"noiseball/core/stats"
	"noiseball/core/step"
)

// referenceDistances is the authors' noisy-point protocol written as one
// plain loop, the oracle of DistanceRun: μ from rateSamples copies; if
// μ < 1/2, noisy copies until starts are correctly classified and
// searched, at most 4·starts draws (the paper's code caps the draws the
// same way); the median of the distances found.
func referenceDistances(m nn.Model, x []float64, y int, sigma float64, rateSamples, starts int, find attack.Finder, r *rand.Rand) Distances {
	res := Distances{Rate: Rate{Sigma: sigma, Samples: rateSamples}}
	v := make([]float64, len(x))
	for range rateSamples {
		Noisy(v, x, sigma, r)
		if predict(m, v) != y {
			res.Rate.Errors++
		}
	}
	mu := res.Rate.Mu()
	if mu < 0.5 {
		res.Bound = -sigma * stats.PhiInv(mu)
		for res.Tried < 4*starts && len(res.Values) < starts {
			res.Tried++
			Noisy(v, x, sigma, r)
			if predict(m, v) != y {
				continue
			}
			if got := find.Nearest(m, v, y); got.Found {
				res.Values = append(res.Values, got.Distance)
			}
		}
	}
	if len(res.Values) > 0 {
		res.Median = stats.Median(res.Values)
	}
	return res
}

// predict is the model's class for one input, by a plain scan.
func predict(m nn.Model, v []float64) int {
	z := m.Logits(v, 1)
	best := 0
	for c := range z {
		if z[c] > z[best] {
			best = c
		}
	}
	return best
}

// never is a finder that finds nothing, so every start is drawn.
type never struct{}

func (never) Nearest(nn.Model, []float64, int) attack.Result { return attack.Result{} }

// TestDistanceRunMatchesReference: NoisyDistances (its stepper run to the
// end) equals the plain loop number for number, at every μ, with a finder
// that succeeds and with one that never does (then the 4·starts cap ends
// the search).
func TestDistanceRunMatchesReference(t *testing.T) {
	net, x, y := assettest.SmallNet(t, 3)
	search := attack.Search{MaxEps: 10, Steps: 10, Bisections: 4, LineSteps: 8, Loss: attack.Margin}
	for _, find := range []attack.Finder{search, never{}} {
		for _, sigma := range []float64{0.05, 0.3, 1, 3} {
			p := DistanceParams{Sigma: sigma, RateSamples: 250, Starts: 5, Find: find}
			run := NewDistanceRun(net, x, y, p, rand.New(rand.NewPCG(5, 6)))
			last := 0
			for !run.Step() {
				d, tot := run.Progress()
				if d < last || d > tot {
					t.Fatalf("σ %v: progress %d of %d after %d", sigma, d, tot, last)
				}
				last = d
			}
			got := run.Result()
			want := referenceDistances(net, x, y, sigma, 250, 5, find, rand.New(rand.NewPCG(5, 6)))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("σ %v, %T: run %+v, reference %+v", sigma, find, got, want)
			}
			if d, tot := run.Progress(); d != tot {
				t.Errorf("σ %v: done at %d of %d", sigma, d, tot)
			}
			if _, ok := find.(never); ok && got.Rate.Mu() < 0.5 && got.Tried != 4*5 {
				t.Errorf("σ %v: a finder that never succeeds drew %d starts, want 4·5", sigma, got.Tried)
			}
			blocking := NoisyDistances(net, x, y, p, rand.New(rand.NewPCG(5, 6)))
			if !reflect.DeepEqual(blocking, got) {
				t.Errorf("σ %v: NoisyDistances %+v, its stepper %+v", sigma, blocking, got)
			}
		}
	}
}

// TestCertifyRunMatchesReference: Certify equals CERTIFY written as two
// plain counting loops and Cohen et al.'s decision.
func TestCertifyRunMatchesReference(t *testing.T) {
	net, x, _ := assettest.SmallNet(t, 4)
	for _, sigma := range []float64{0.05, 0.5, 3} {
		p := CertifyParams{Sigma: sigma, Guess: 50, Samples: 230, Alpha: 0.01}
		run := NewCertifyRun(net, x, p, rand.New(rand.NewPCG(9, 9)))
		step.Run(run)
		got := run.Result()

		r := rand.New(rand.NewPCG(9, 9))
		v := make([]float64, len(x))
		count := func(n int) []int {
			c := make([]int, 4)
			for range n {
				Noisy(v, x, sigma, r)
				c[predict(net, v)]++
			}
			return c
		}
		guess, fresh := count(50), count(230)
		top := 0
		for c := range guess {
			if guess[c] > guess[top] {
				top = c
			}
		}
		pA := stats.LowerClopperPearson(fresh[top], 230, 0.99)
		want := Certificate{Class: -1, PALower: pA}
		if pA > 0.5 {
			want = Certificate{Class: top, PALower: pA, Radius: sigma * stats.PhiInv(pA)}
		}
		if got.Class != want.Class || got.PALower != want.PALower || math.Abs(got.Radius-want.Radius) > 1e-15 {
			t.Errorf("σ %v: run %+v, reference %+v", sigma, got, want)
		}
		if blocking := Certify(net, x, p, rand.New(rand.NewPCG(9, 9))); blocking != got {
			t.Errorf("σ %v: Certify %+v, its stepper %+v", sigma, blocking, got)
		}
	}
}
