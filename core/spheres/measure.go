package spheres

import (
	"fmt"
	"math"
	"math/rand/v2"

	"noiseball/core/attack"
	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/core/stats"
)

// Settings say what Meter measures on the inner sphere.
type Settings struct {
	Samples int           // uniform points of the inner sphere classified to estimate μ
	Points  int           // correctly classified ones whose nearest error is searched
	Search  attack.Search // the search; with Search.Sphere = 1 it stays on the inner sphere
	Seed    uint64
}

// DefaultSettings are the CLI's and the page's: 10,000 points for μ and
// the nearest errors of 20 of them on the inner sphere (the set the
// isoperimetric bound is about; off it, the nearest error is across the
// gap between the spheres, whatever μ), by attack.FastSearch's effort
// with chords up to 2, the sphere's diameter.
var DefaultSettings = Settings{Samples: 10000, Points: 20, Search: attack.Search{MaxEps: 2, Steps: 50, Bisections: 8, LineSteps: 20, Loss: attack.Margin, Sphere: 1}, Seed: 1}

// Result is a model measured on the inner sphere (radius 1, class 0).
type Result struct {
	N       int            // dimension
	Samples int            // points classified
	Errors  int            // of them read as class 1
	Mu      float64        // Errors/Samples, the error set's measure
	MuCI    stats.Interval // Wilson 95% interval of μ
	// Distances are the nearest errors found from correctly classified
	// points (+Inf where the search found none within its radius).
	Distances []float64
	// Mean is the mean of the finite Distances (NaN if none), and MeanCI
	// its 95% interval, mean ± 1.96·s/√k over k distances (NaN ends for
	// fewer than 2): a handful of points gives a wide one.
	Mean   float64
	MeanCI stats.Interval
	// Bound is the most the mean distance from a correctly classified
	// point to the nearest error can be for an error set of measure μ:
	// D_cap(μ, n)/(1 − μ) (the cap's mean counts the points inside it
	// at 0). +Inf when no sampled point erred (μ = 0: no finite bound
	// follows), NaN when all did.
	Bound float64
}

// MeanBound is Result.Bound for measure μ in [0, 1] in n dimensions.
func MeanBound(mu float64, n int) float64 {
	switch {
	case mu <= 0:
		return math.Inf(1)
	case mu >= 1:
		return math.NaN()
	}
	return CapMeanDistance(mu, n) / (1 - mu)
}

// measureBatch is how many points one Step classifies.
const measureBatch = 256

// Meter measures a two-class model of the spheres data on the inner
// sphere, in steps (a step.Stepper): first it classifies Samples uniform
// points, measureBatch a step, keeping the first Points correctly
// classified ones; then it searches one of those a step.
type Meter struct {
	m       nn.Model
	n       int
	s       Settings
	rng     *rand.Rand
	x       []float64
	pred    []int
	kept    [][]float64
	res     Result
	classed int
}

// NewMeter returns a Meter of m, which takes n inputs and gives 2
// classes; anything else is a caller bug and panics.
func NewMeter(m nn.Model, n int, s Settings) *Meter {
	checkN(n)
	if s.Samples < 1 || s.Points < 0 {
		panic(fmt.Sprintf("spheres: a measurement of %d samples and %d points", s.Samples, s.Points))
	}
	return &Meter{m: m, n: n, s: s, rng: rand.New(rand.NewPCG(s.Seed, 0x737068)),
		x: make([]float64, measureBatch*n), pred: make([]int, measureBatch), res: Result{N: n}}
}

// searchWeight is what one nearest-error search counts in Progress,
// against one classified point.
func (s Settings) searchWeight() int {
	return 2 * max(1, s.Search.Steps*s.Search.Bisections+s.Search.LineSteps)
}

// work is the total of a measurement's Progress before it knows how many
// points it will search: Samples classified and Points searches.
func (s Settings) work() int { return s.Samples + s.Points*s.searchWeight() }

// Progress returns the work done and its total: points classified, and
// searches weighted by their passes through the model.
func (mt *Meter) Progress() (done, total int) {
	w := mt.s.searchWeight()
	return mt.classed + len(mt.res.Distances)*w, mt.s.Samples + min(mt.s.Points, mt.wanted())*w
}

// wanted is how many points will be searched: Points, or fewer when fewer
// were classified correctly.
func (mt *Meter) wanted() int {
	if mt.classed < mt.s.Samples {
		return mt.s.Points
	}
	return len(mt.kept)
}

// Step classifies a batch or searches a point, and reports whether the
// measurement is complete.
func (mt *Meter) Step() bool {
	if mt.classed < mt.s.Samples {
		b := min(measureBatch, mt.s.Samples-mt.classed)
		x := mt.x[:b*mt.n]
		for i := range b {
			data.OnSphere(x[i*mt.n:(i+1)*mt.n], 1, mt.rng)
		}
		nn.Argmax(mt.pred[:b], mt.m.Logits(x, b), 2)
		for i, p := range mt.pred[:b] {
			if p != 0 {
				mt.res.Errors++
			} else if len(mt.kept) < mt.s.Points {
				mt.kept = append(mt.kept, append([]float64(nil), x[i*mt.n:(i+1)*mt.n]...))
			}
		}
		mt.classed += b
		return false
	}
	if k := len(mt.res.Distances); k < len(mt.kept) {
		mt.res.Distances = append(mt.res.Distances, mt.s.Search.Nearest(mt.m, mt.kept[k], 0).Distance)
		return false
	}
	return true
}

// Result returns the measurement so far (complete once Step reports
// done).
func (mt *Meter) Result() Result {
	r := mt.res
	r.Samples = mt.classed
	if r.Samples > 0 {
		r.Mu = float64(r.Errors) / float64(r.Samples)
		r.MuCI = stats.Wilson(r.Errors, r.Samples, 0.95)
		r.Bound = MeanBound(r.Mu, r.N)
	}
	r.Distances = append([]float64(nil), r.Distances...)
	sum, sum2, k := 0.0, 0.0, 0
	for _, d := range r.Distances {
		if !math.IsInf(d, 1) {
			sum, sum2, k = sum+d, sum2+float64(d*d), k+1
		}
	}
	r.Mean = math.NaN()
	r.MeanCI = stats.Interval{Lo: math.NaN(), Hi: math.NaN()}
	if k > 0 {
		r.Mean = sum / float64(k)
	}
	if k > 1 {
		sd := math.Sqrt(math.Max(0, (sum2-float64(float64(k)*r.Mean*r.Mean))/float64(k-1)))
		half := 1.96 * sd / math.Sqrt(float64(k))
		r.MeanCI = stats.Interval{Lo: r.Mean - half, Hi: r.Mean + half}
	}
	return r
}
