package main

import (
	"math/rand/v2"
	"sync"

	"noiseball/core/compare"
	"noiseball/core/nn"
	"noiseball/core/noise"
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
type rate = compare.Rate

func newRate(k, n int) rate { return compare.NewRate(k, n) }

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
