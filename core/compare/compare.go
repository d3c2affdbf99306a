// Package compare measures a model as the paper compares its models
// (Figs. 6 and 7 of Ford et al. 2019): clean accuracy, accuracy in
// additive Gaussian noise N(0, σ²I) against σ, accuracy under the
// corruption suite (package corrupt, five severities each), accuracy
// under L2 and L∞ PGD against the radius ε, and the median L2 distance
// from clean test digits to their nearest errors. Pixels are in [0,1];
// σ and ε are in the same units.
//
// A Meter is a step.Stepper of small chunks (a few digits at a time), so
// the page can measure in a worker and cancel; `noiseball reproduce`
// runs the same tasks on several goroutines (Meter.RunParallel). Every
// random draw comes from measure.Rand keyed by the experiment, the
// model's name and the digit, so the chunking and the number of
// goroutines never change a number.
package compare

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"

	"noiseball/core/attack"
	"noiseball/core/corrupt"
	"noiseball/core/data"
	"noiseball/core/measure"
	"noiseball/core/nn"
	"noiseball/core/noise"
	"noiseball/core/stats"
	"noiseball/core/train"
)

// Settings are the sizes and parameters of a measurement. The JSON names
// are those of `noiseball reproduce`'s results.json.
type Settings struct {
	Seed          uint64    `json:"seed"`
	CleanImages   int       `json:"clean_images"`   // clean accuracy on the first N test digits
	NoiseImages   int       `json:"noise_images"`   // accuracy in noise: the first N digits, one noisy copy per σ
	NoiseSigmas   []float64 `json:"noise_sigmas"`   // the σ of the noise curve
	CorruptImages int       `json:"corrupt_images"` // the first N digits, each corruption at its five severities
	PGDImages     int       `json:"pgd_images"`     // the first N digits attacked
	PGDSteps      int       `json:"pgd_steps"`      // steps of ε/25, no random start, no clipping
	L2Eps         []float64 `json:"l2_eps"`
	LinfEps       []float64 `json:"linf_eps"`
	NearestImages int       `json:"nearest_images"` // the first N digits' nearest errors (attack.Fast)
}

// Full are the settings of `noiseball reproduce`, whose numbers the
// page ships for the zoo.
var Full = Settings{Seed: 1, CleanImages: 10000, NoiseImages: 1000, NoiseSigmas: []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8},
	CorruptImages: 200, PGDImages: 100, PGDSteps: 100, L2Eps: []float64{0.5, 1, 1.5, 2}, LinfEps: []float64{0.05, 0.1, 0.2, 0.3},
	NearestImages: 60}

// Quick are the settings of `noiseball reproduce -quick`.
var Quick = Settings{Seed: 1, CleanImages: 1000, NoiseImages: 300, NoiseSigmas: Full.NoiseSigmas,
	CorruptImages: 10, PGDImages: 10, PGDSteps: 100, L2Eps: Full.L2Eps, LinfEps: Full.LinfEps, NearestImages: 16}

// Page are the settings of the page's "measure here": about a minute
// for a CNN in one browser worker.
var Page = Settings{Seed: 1, CleanImages: 1000, NoiseImages: 300, NoiseSigmas: Full.NoiseSigmas,
	CorruptImages: 10, PGDImages: 20, PGDSteps: 20, L2Eps: Full.L2Eps, LinfEps: Full.LinfEps, NearestImages: 16}

// Rate is a count of successes K of N with the share K/N and its 95%
// Clopper-Pearson interval.
type Rate struct {
	K, N  int
	Value float64
	CI    [2]float64
}

// NewRate returns the rate of k successes in n trials.
func NewRate(k, n int) Rate {
	ci := stats.ClopperPearson(k, n, 0.95)
	return Rate{K: k, N: n, Value: float64(k) / float64(n), CI: [2]float64{ci.Lo, ci.Hi}}
}

// Nearest is the median distance to the nearest error over the digits
// measured, with its 95% interval; a digit whose error was not found
// counts as infinitely far, and -1 stands for a median or bound that is
// infinite.
type Nearest struct {
	Method string     `json:"method"` // "exact" (linear models) or "search"
	Median float64    `json:"median"`
	CI     [2]float64 `json:"ci"`
	Found  int        `json:"found"`
}

// Result is one model's measurement; maps are keyed by σ or ε written
// in their shortest form (Key).
type Result struct {
	Name       string             `json:"name"`
	Clean      Rate               `json:"clean"`
	Noise      map[string]Rate    `json:"noise"`
	Corruption map[string]Rate    `json:"corruption"`
	Groups     map[string]float64 `json:"corruption_groups"` // mean accuracy of each group's corruptions
	CorruptAll float64            `json:"corruption_mean"`   // mean over the whole suite
	L2         map[string]Rate    `json:"pgd_l2"`
	Linf       map[string]Rate    `json:"pgd_linf"`
	Nearest    Nearest            `json:"nearest"`
}

// Key writes σ or ε as Result's maps key it: 0.1, 1, 1.5.
func Key(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// chunk sizes: digits per step.
const (
	cleanChunk   = 250
	noiseChunk   = 100
	corruptChunk = 10
	pgdChunk     = 10
)

// task is one independent part of a measurement, run in chunks in
// order: step(m, i) runs chunk i on model m (a clone of the measured
// network, with its finder), and writes only the task's own state.
type task struct {
	chunks int
	cost   int // work units of one chunk, for Progress
	step   func(w *worker, i int)
	done   int
}

// worker is a model and its nearest-error finder, one per goroutine.
type worker struct {
	net    *nn.Network
	finder attack.Finder
}

// Meter measures one model (a step.Stepper), a chunk at a time.
type Meter struct {
	name  string
	s     Settings
	tasks []*task
	next  int // the task being stepped
	w     *worker
	res   Result
	// what the tasks fill in
	cleanRight  int
	noiseRight  []int
	corruptOK   []int
	pgdOK       []int
	dists       []float64
	finished    bool
	suite       []corrupt.Corruption
	pgdSettings []pgdJob
}

type pgdJob struct {
	norm attack.Norm
	eps  float64
}

// NewMeter returns a meter of net, named name (it keys the random
// draws), on the test set test under settings s. It panics if the
// settings ask for more digits than test has (a caller bug).
func NewMeter(name string, net *nn.Network, test *data.Set, s Settings) *Meter {
	most := max(s.CleanImages, s.NoiseImages, s.CorruptImages, s.PGDImages, s.NearestImages)
	if most > test.N || most < 1 {
		panic(fmt.Sprintf("compare: settings ask for %d of %d test digits", most, test.N))
	}
	m := &Meter{name: name, s: s, suite: corrupt.Suite(), w: &worker{net, attack.Fast(net)}}
	m.res = Result{Name: name, Noise: map[string]Rate{}, Corruption: map[string]Rate{}, Groups: map[string]float64{},
		L2: map[string]Rate{}, Linf: map[string]Rate{}}
	d := test.Dim()
	chunks := func(n, size int) int { return (n + size - 1) / size }

	// Clean accuracy: train.Evaluate on chunks of cleanChunk digits.
	m.tasks = append(m.tasks, &task{chunks: chunks(s.CleanImages, cleanChunk), cost: cleanChunk, step: func(w *worker, i int) {
		n := min(cleanChunk, s.CleanImages-i*cleanChunk)
		acc, _ := train.Evaluate(w.net, test.Slice(i*cleanChunk, n), cleanChunk)
		m.cleanRight += int(math.Round(acc * float64(n)))
	}})

	// Accuracy in noise: one random stream over σ, then digit, as
	// noise.AccuracyCurve draws it in one call.
	sub := test.Slice(0, s.NoiseImages)
	m.noiseRight = make([]int, len(s.NoiseSigmas))
	perSigma := chunks(s.NoiseImages, noiseChunk)
	noiseRand := measure.Rand(s.Seed, measure.KeyNoise, name, 0)
	m.tasks = append(m.tasks, &task{chunks: perSigma * len(s.NoiseSigmas), cost: noiseChunk, step: func(w *worker, i int) {
		j, at := i/perSigma, i%perSigma*noiseChunk
		n := min(noiseChunk, s.NoiseImages-at)
		c := noise.AccuracyCurve(w.net, sub.Slice(at, n), s.NoiseSigmas[j:j+1], 1, noiseRand)
		m.noiseRight[j] += c[0].Correct
	}})

	// The corruption suite: each digit at five severities, its draws
	// keyed by corruption and digit.
	m.corruptOK = make([]int, len(m.suite))
	for ci, c := range m.suite {
		m.tasks = append(m.tasks, &task{chunks: chunks(s.CorruptImages, corruptChunk), cost: corruptChunk * corrupt.Severities, step: func(w *worker, i int) {
			x := make([]float64, d)
			batch := make([]float64, corrupt.Severities*d)
			pred := make([]int, corrupt.Severities)
			for k := i * corruptChunk; k < min((i+1)*corruptChunk, s.CorruptImages); k++ {
				y := test.Example(x, k)
				r := measure.Rand(s.Seed, measure.KeyCorrupt+" "+c.Name, name, k)
				for sev := 1; sev <= corrupt.Severities; sev++ {
					c.Apply(batch[(sev-1)*d:sev*d], x, sev, r)
				}
				nn.Argmax(pred, w.net.Logits(batch, corrupt.Severities), w.net.Classes())
				for _, p := range pred {
					if p == y {
						m.corruptOK[ci]++
					}
				}
			}
		}})
	}

	// PGD at each radius: steps of ε/25, no random start, no clipping,
	// as the paper evaluates.
	for _, e := range s.L2Eps {
		m.pgdSettings = append(m.pgdSettings, pgdJob{attack.L2, e})
	}
	for _, e := range s.LinfEps {
		m.pgdSettings = append(m.pgdSettings, pgdJob{attack.LInf, e})
	}
	m.pgdOK = make([]int, len(m.pgdSettings))
	for j, job := range m.pgdSettings {
		p := attack.PGD{Norm: job.norm, Eps: job.eps, Steps: s.PGDSteps, Step: job.eps / 25}
		m.tasks = append(m.tasks, &task{chunks: chunks(s.PGDImages, pgdChunk), cost: pgdChunk * 3 * s.PGDSteps, step: func(w *worker, i int) {
			first := i * pgdChunk
			nb := min(pgdChunk, s.PGDImages-first)
			x, adv := make([]float64, nb*d), make([]float64, nb*d)
			labels, pred, idx := make([]int, nb), make([]int, nb), make([]int, nb)
			for k := range nb {
				idx[k] = first + k
			}
			test.Batch(x, labels, idx)
			p.Perturb(w.net, adv, x, labels, nil)
			nn.Argmax(pred, w.net.Logits(adv, nb), w.net.Classes())
			for k := range nb {
				if pred[k] == labels[k] {
					m.pgdOK[j]++
				}
			}
		}})
	}

	// The nearest error of each digit (attack.Fast: exact for a linear
	// model, the search otherwise).
	m.dists = make([]float64, s.NearestImages)
	m.tasks = append(m.tasks, &task{chunks: s.NearestImages, cost: 1500, step: func(w *worker, i int) {
		x := make([]float64, d)
		y := test.Example(x, i)
		m.dists[i] = math.Inf(1)
		if r := w.finder.Nearest(w.net, x, y); r.Found {
			m.dists[i] = r.Distance
		}
	}})
	return m
}

// Step runs one chunk and reports whether the measurement is complete.
func (m *Meter) Step() bool {
	for m.next < len(m.tasks) && m.tasks[m.next].done == m.tasks[m.next].chunks {
		m.next++
	}
	if m.next == len(m.tasks) {
		m.finish()
		return true
	}
	t := m.tasks[m.next]
	t.step(m.w, t.done)
	t.done++
	return false
}

// Progress counts work units: digits weighted by what each costs.
func (m *Meter) Progress() (done, total int) {
	for _, t := range m.tasks {
		done += t.done * t.cost
		total += t.chunks * t.cost
	}
	return done, total
}

// RunParallel runs the remaining tasks on workers goroutines, each with
// its own clone of the network, and completes the measurement: the same
// numbers as stepping it.
func (m *Meter) RunParallel(workers int) Result {
	next := make(chan *task)
	var wg sync.WaitGroup
	for k := range max(workers, 1) {
		w := m.w
		if k > 0 {
			c := m.w.net.Clone()
			w = &worker{c, attack.Fast(c)}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range next {
				for ; t.done < t.chunks; t.done++ {
					t.step(w, t.done)
				}
			}
		}()
	}
	for _, t := range m.tasks {
		if t.done < t.chunks {
			next <- t
		}
	}
	close(next)
	wg.Wait()
	m.next = len(m.tasks)
	m.finish()
	return m.res
}

// finish turns the counts into the result, once.
func (m *Meter) finish() {
	if m.finished {
		return
	}
	m.finished = true
	s := m.s
	m.res.Clean = NewRate(m.cleanRight, s.CleanImages)
	for j, sigma := range s.NoiseSigmas {
		m.res.Noise[Key(sigma)] = NewRate(m.noiseRight[j], s.NoiseImages)
	}
	sums, counts := map[string]float64{}, map[string]int{}
	for ci, c := range m.suite {
		a := NewRate(m.corruptOK[ci], corrupt.Severities*s.CorruptImages)
		m.res.Corruption[c.Name] = a
		sums[c.Group] += a.Value
		counts[c.Group]++
		m.res.CorruptAll += a.Value / float64(len(m.suite))
	}
	for g, v := range sums {
		m.res.Groups[g] = v / float64(counts[g])
	}
	for j, job := range m.pgdSettings {
		r := NewRate(m.pgdOK[j], s.PGDImages)
		if job.norm == attack.L2 {
			m.res.L2[Key(job.eps)] = r
		} else {
			m.res.Linf[Key(job.eps)] = r
		}
	}
	m.res.Nearest.Method = "search"
	if _, ok := m.w.finder.(attack.Exact); ok {
		m.res.Nearest.Method = "exact"
	}
	m.res.Nearest.Found = len(slices.DeleteFunc(slices.Clone(m.dists), func(d float64) bool { return math.IsInf(d, 1) }))
	// Unfound errors count as +Inf: they are farther than any found.
	q, ci, _ := stats.QuantileCI(m.dists, 0.5, 0.95)
	m.res.Nearest.Median, m.res.Nearest.CI = finiteOr(q), [2]float64{finiteOr(ci.Lo), finiteOr(ci.Hi)}
}

// Result returns the measurement; it panics before the meter is done (a
// caller bug).
func (m *Meter) Result() Result {
	if !m.finished {
		panic("compare: Result of a meter that is not done")
	}
	return m.res
}

// finiteOr returns v, or -1 where v is infinite or NaN (JSON has neither).
func finiteOr(v float64) float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return -1
	}
	return v
}
