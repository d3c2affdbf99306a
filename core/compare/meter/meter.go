// Package meter measures a model as the paper compares its models
// (package compare holds the settings and the results). A Meter is a
// step.Stepper of small chunks (a few digits at a time), so the page can
// measure in a worker and cancel; `noiseball reproduce` runs the same
// tasks on several goroutines (Meter.RunParallel). Every random draw
// comes from measure.Rand keyed by the experiment, the model's name and
// the digit, so the chunking and the number of goroutines never change a
// number.
package meter

import (
	"fmt"
	"math"
	"slices"
	"sync"

	"noiseball/core/attack"
	"noiseball/core/compare"
	"noiseball/core/corrupt"
	"noiseball/core/data"
	"noiseball/core/measure"
	"noiseball/core/nn"
	"noiseball/core/noise"
	"noiseball/core/stats"
	"noiseball/core/train"
)

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
	s     compare.Settings
	tasks []*task
	next  int // the task being stepped
	w     *worker
	res   compare.Result
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
func NewMeter(name string, net *nn.Network, test *data.Set, s compare.Settings) *Meter {
	most := max(s.CleanImages, s.NoiseImages, s.CorruptImages, s.PGDImages, s.NearestImages)
	if most > test.N || most < 1 {
		panic(fmt.Sprintf("meter: settings ask for %d of %d test digits", most, test.N))
	}
	m := &Meter{name: name, s: s, suite: corrupt.Suite(), w: &worker{net, attack.Fast(net)}}
	m.res = compare.Result{Name: name, Noise: map[string]compare.Rate{}, Corruption: map[string]compare.Rate{}, Groups: map[string]float64{},
		L2: map[string]compare.Rate{}, Linf: map[string]compare.Rate{}}
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
func (m *Meter) RunParallel(workers int) compare.Result {
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
	m.res.Clean = compare.NewRate(m.cleanRight, s.CleanImages)
	for j, sigma := range s.NoiseSigmas {
		m.res.Noise[compare.Key(sigma)] = compare.NewRate(m.noiseRight[j], s.NoiseImages)
	}
	sums, counts := map[string]float64{}, map[string]int{}
	for ci, c := range m.suite {
		a := compare.NewRate(m.corruptOK[ci], corrupt.Severities*s.CorruptImages)
		m.res.Corruption[c.Name] = a
		sums[c.Group] += a.Value
		counts[c.Group]++
		m.res.CorruptAll += a.Value / float64(len(m.suite))
	}
	for g, v := range sums {
		m.res.Groups[g] = v / float64(counts[g])
	}
	for j, job := range m.pgdSettings {
		r := compare.NewRate(m.pgdOK[j], s.PGDImages)
		if job.norm == attack.L2 {
			m.res.L2[compare.Key(job.eps)] = r
		} else {
			m.res.Linf[compare.Key(job.eps)] = r
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
func (m *Meter) Result() compare.Result {
	if !m.finished {
		panic("meter: Result of a meter that is not done")
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

// NewSheet returns the contact sheet of test digit digit at severity
// (1 to 5), each corruption's draws from measure.Rand(seed, "corrupt
// NAME", "sheet", digit).
func NewSheet(test *data.Set, digit, severity int, seed uint64) compare.Sheet {
	d := test.Dim()
	x, y := make([]float64, d), make([]float64, d)
	test.Example(x, digit)
	sh := compare.Sheet{Digit: digit, Severity: severity, Names: []string{"clean"}, Pixels: make([]byte, d)}
	data.PixelsToBytes(sh.Pixels, x)
	for _, c := range corrupt.Suite() {
		c.Apply(y, x, severity, measure.Rand(seed, measure.KeyCorrupt+" "+c.Name, "sheet", digit))
		b := make([]byte, d)
		data.PixelsToBytes(b, y)
		sh.Names, sh.Pixels = append(sh.Names, c.Name), append(sh.Pixels, b...)
	}
	return sh
}
