package main

import (
	"math"
	"math/rand/v2"
	"sync"

	"noiseball/core/attack"
	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/core/noise"
	"noiseball/core/stats"
	"noiseball/core/train"
)

// parallel runs f(w, i) for i in [0, n) on workers goroutines; w is the
// worker's index, so f can use per-worker model clones. Results must be
// written by index, which keeps them independent of scheduling.
func parallel(n, workers int, f func(w, i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(w, i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// clones returns one model per worker sharing the network's weights.
func clones(net *nn.Network, workers int) []*nn.Network {
	out := []*nn.Network{net}
	for len(out) < workers {
		out = append(out, net.Clone())
	}
	return out
}

// imageRand returns the random source of one (experiment, model, image),
// so that every number is reproducible whatever the worker count.
func imageRand(seed uint64, experiment string, model, image int) *rand.Rand {
	h := uint64(14695981039346656037)
	for _, c := range experiment {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return rand.New(rand.NewPCG(seed^h, uint64(model)<<32|uint64(image)))
}

// rate is a count of successes with its 95% Clopper-Pearson interval.
type rate struct {
	K, N  int
	Value float64
	CI    [2]float64
}

func newRate(k, n int) rate {
	ci := stats.ClopperPearson(k, n, 0.95)
	return rate{K: k, N: n, Value: float64(k) / float64(n), CI: [2]float64{ci.Lo, ci.Hi}}
}

// accuracy returns the accuracy of m on the first n examples of set.
func accuracy(m nn.Model, set *data.Set, n int) rate {
	acc, _ := train.Evaluate(m, set.Slice(0, n), 250)
	return newRate(int(math.Round(acc*float64(n))), n)
}

// robustAccuracy returns the accuracy of m on the first n test images
// under PGD at radius eps (steps steps of eps/25, no random start, no
// clipping, as in the paper's evaluation), attacking in batches.
func robustAccuracy(m nn.Model, set *data.Set, n int, norm attack.Norm, eps float64, steps int) rate {
	d := set.Dim()
	p := attack.PGD{Norm: norm, Eps: eps, Steps: steps, Step: eps / 25}
	const b = 50
	x := make([]float64, b*d)
	adv := make([]float64, b*d)
	labels := make([]int, b)
	pred := make([]int, b)
	idx := make([]int, b)
	right := 0
	for first := 0; first < n; first += b {
		nb := min(b, n-first)
		for i := range nb {
			idx[i] = first + i
		}
		set.Batch(x[:nb*d], labels[:nb], idx[:nb])
		p.Perturb(m, adv[:nb*d], x[:nb*d], labels[:nb], nil)
		nn.Argmax(pred[:nb], m.Logits(adv[:nb*d], nb), m.Classes())
		for i := range nb {
			if pred[i] == labels[i] {
				right++
			}
		}
	}
	return newRate(right, n)
}

// searchFor returns the nearest-error method reproduce uses for a model:
// exact for linear models, else a cheaper configuration of the default
// search (the tighter default costs about 4 times as much).
func searchFor(net *nn.Network) attack.Finder {
	if _, err := attack.LinearNearest(net, make([]float64, net.InShape().Size()), 0); err == nil {
		return attack.Exact{}
	}
	return attack.Search{MaxEps: 10, Steps: 50, Bisections: 6, LineSteps: 20, Loss: attack.Margin}
}

// fig2Point is one image of the Fig. 2 analog.
type fig2Point struct {
	Index    int     `json:"index"`
	Sigma1   float64 `json:"sigma_at_1pct"` // +Inf encoded as -1
	Distance float64 `json:"distance"`      // clean nearest-error distance; -1 if none found
}

// fig4Point is one image of the Fig. 4 analog.
type fig4Point struct {
	Index    int        `json:"index"`
	Mu       float64    `json:"mu"`
	MuCI     [2]float64 `json:"mu_ci"`
	Median   float64    `json:"median"`
	MedianCI [2]float64 `json:"median_ci"`
	Count    int        `json:"count"`
	Bound    float64    `json:"bound"`    // -σΦ⁻¹(μ); -1 when μ = 0
	BoundHi  float64    `json:"bound_hi"` // the bound at the lower end of μ's interval; -1 when infinite
	Above    bool       `json:"above"`    // median interval entirely above the bound's
	// Certified is the randomized-smoothing radius σΦ⁻¹(p_A) certified at
	// the clean image for its true class (0 if the smoothed classifier
	// abstains or predicts another class), to set beside the bound.
	Certified float64 `json:"certified_radius"`
}

func finiteOr(v, alt float64) float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return alt
	}
	return v
}

// fig4 measures one image: μ at σ, the median distance from up to starts
// correctly classified noisy points, and whether it sits above the bound
// beyond both intervals.
func fig4(m nn.Model, find attack.Finder, x []float64, y int, sigma float64, rateSamples, starts int, r *rand.Rand) fig4Point {
	res := noise.NoisyDistances(m, x, y, sigma, rateSamples, starts, find, r)
	ci := res.Rate.CI(0.95)
	p := fig4Point{Mu: res.Rate.Mu(), MuCI: [2]float64{ci.Lo, ci.Hi}, Median: res.Median, Count: len(res.Values),
		Bound: finiteOr(res.Bound, -1), BoundHi: finiteOr(stats.MedianBound(ci.Lo, sigma), -1)}
	if c := noise.Certify(m, x, sigma, 100, rateSamples, 0.001, r); c.Class == y {
		p.Certified = c.Radius
	}
	if len(res.Values) > 0 {
		// With fewer than 6 distances no two order statistics bracket the
		// median with 95% confidence, so such a point is never flagged.
		_, mci, exact := stats.QuantileCI(res.Values, 0.5, 0.95)
		p.MedianCI = [2]float64{mci.Lo, mci.Hi}
		p.Above = exact && p.BoundHi >= 0 && mci.Lo > p.BoundHi
	}
	return p
}

// halfSpaceRate returns the fraction of n noisy copies x + σz for which
// the linear model's logit of class j exceeds that of y: the mass of one
// half-space, which Eq. 1 gives exactly as Φ(-d_j/σ).
func halfSpaceRate(m nn.Model, x []float64, y, j int, sigma float64, n int, r *rand.Rand) float64 {
	d, k := len(x), m.Classes()
	buf := make([]float64, 100*d)
	hits := 0
	for done := 0; done < n; done += 100 {
		b := min(100, n-done)
		for i := range b {
			noise.Noisy(buf[i*d:(i+1)*d], x, sigma, r)
		}
		z := m.Logits(buf[:b*d], b)
		for i := range b {
			if z[i*k+j] > z[i*k+y] {
				hits++
			}
		}
	}
	return float64(hits) / float64(n)
}
