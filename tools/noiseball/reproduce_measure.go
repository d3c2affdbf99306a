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

// finiteOr returns v, or alt where v is infinite or NaN (JSON has neither).
func finiteOr(v, alt float64) float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return alt
	}
	return v
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
