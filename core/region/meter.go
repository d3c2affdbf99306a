package region

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"

	"noiseball/core/stats"
)

// Meter estimates, by Monte Carlo over noisy points δ ~ N(0, σ²I) around
// the origin, what the isoperimetric inequality speaks of: the mass μ of
// a set, the distances from the noisy points to it and the masses of its
// ε-expansions. It draws in steps so a caller can show progress and stop.
type Meter struct {
	set   Set
	sigma float64
	total int
	r     *rand.Rand
	dist  []float64
	hits  int
	keep  []Point
}

// NewMeter prepares n draws at noise scale σ from r, keeping the first
// keep points for drawing. It panics on n < 1 or σ ≤ 0.
func NewMeter(s Set, sigma float64, n, keep int, r *rand.Rand) *Meter {
	if n < 1 || !(sigma > 0) {
		panic(fmt.Sprintf("region: meter of %d draws at sigma %v", n, sigma))
	}
	return &Meter{set: s, sigma: sigma, total: n, r: r, dist: make([]float64, 0, n), keep: make([]Point, 0, min(keep, n))}
}

// MeterStep is how many noisy points one Step of a Meter draws, about a
// millisecond under WebAssembly.
const MeterStep = 8192

// Step draws MeterStep more noisy points (fewer at the end) and reports
// whether all n are in; with Progress it makes a Meter a step.Stepper.
func (m *Meter) Step() bool { return m.Draw(MeterStep) }

// Draw draws up to k more noisy points and reports whether all n are in.
func (m *Meter) Draw(k int) bool {
	for range min(k, m.total-len(m.dist)) {
		p := Point{m.sigma * m.r.NormFloat64(), m.sigma * m.r.NormFloat64()}
		if len(m.keep) < cap(m.keep) {
			m.keep = append(m.keep, p)
		}
		d := m.set.Dist(p)
		if d == 0 {
			m.hits++
		}
		m.dist = append(m.dist, d)
	}
	return len(m.dist) == m.total
}

// Progress returns how many of the n points are drawn.
func (m *Meter) Progress() (done, total int) { return len(m.dist), m.total }

// Expansion is one point of the ε-expansion curve: the measured mass of
// E_ε = {p : dist(p, E) ≤ ε} and the isoperimetric lower bound
// Φ(Φ⁻¹(μ) + ε/σ) that a half-plane of the same mass meets.
type Expansion struct {
	Eps, Mass, Bound float64
}

// Measurement is what a Meter found; intervals are 95%.
type Measurement struct {
	Sigma   float64
	Samples int
	// Hits is how many noisy points fell in E; Mu = Hits/Samples, with a
	// Clopper-Pearson interval.
	Hits int
	Mu   float64
	MuCI stats.Interval
	// Median is the median distance from the noisy points to E (0 for the
	// points inside), with a distribution-free interval.
	Median   float64
	MedianCI stats.Interval
	// Bound is the isoperimetric bound on the median, -σΦ⁻¹(μ) for
	// μ < 1/2 and 0 above (+Inf when no point hit E).
	Bound float64
	// Clean is the distance from the noise centre itself to E.
	Clean     float64
	Expansion []Expansion
	// Points are the first noisy points drawn, for plotting.
	Points []Point
}

// Result summarizes the draws so far (at least one), with the expansion
// curve at each ε in eps.
func (m *Meter) Result(eps []float64) Measurement {
	if len(m.dist) == 0 {
		panic("region: Result before any draw")
	}
	s := slices.Clone(m.dist)
	slices.Sort(s)
	n := len(s)
	mu := float64(m.hits) / float64(n)
	res := Measurement{Sigma: m.sigma, Samples: n, Hits: m.hits, Mu: mu,
		MuCI: stats.ClopperPearson(m.hits, n, 0.95), Bound: stats.MedianBound(mu, m.sigma),
		Clean: m.set.Dist(Point{}), Points: slices.Clone(m.keep)}
	res.Median, res.MedianCI, _ = stats.SortedQuantileCI(s, 0.5, 0.95)
	for _, e := range eps {
		k := sort.Search(n, func(i int) bool { return s[i] > e })
		res.Expansion = append(res.Expansion, Expansion{Eps: e, Mass: float64(k) / float64(n), Bound: stats.Expansion(mu, e, m.sigma)})
	}
	return res
}
