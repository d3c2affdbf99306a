package measure

import (
	"fmt"
	"math"

	"noiseball/core/attack"
	"noiseball/core/nn"
	"noiseball/core/noise"
	"noiseball/core/step"
)

// Settings are the sizes of one image's measurements.
type Settings struct {
	Sigma       float64 `json:"sigma"`        // Fig. 4's noise level
	RateSamples int     `json:"rate_samples"` // noisy copies for μ, and again for the certificate
	Starts      int     `json:"starts"`       // correctly classified noisy starts searched (Fig. 4)
	Fig2Samples int     `json:"fig2_samples"` // common noise directions of Fig. 2's bisection
	Seed        uint64  `json:"seed"`
}

// DefaultSettings are the sizes `noiseball reproduce` uses for its
// full run and the page uses for the zoo: σ = 0.3, 1,000 noisy copies, 8
// starts, 300 directions, seed 1.
var DefaultSettings = Settings{Sigma: 0.3, RateSamples: 1000, Starts: 8, Fig2Samples: 300, Seed: 1}

// Validate returns an error naming the first setting out of range.
func (s Settings) Validate() error {
	switch {
	case !(s.Sigma > 0 && s.Sigma <= Fig2MaxSigma):
		return fmt.Errorf("σ must be in (0, %v], not %v", Fig2MaxSigma, s.Sigma)
	case s.RateSamples < 1 || s.RateSamples > 1e6:
		return fmt.Errorf("the noisy copies must number 1 to 1,000,000, not %d", s.RateSamples)
	case s.Starts < 1 || s.Starts > 1000:
		return fmt.Errorf("the noisy starts must number 1 to 1,000, not %d", s.Starts)
	case s.Fig2Samples < 1 || s.Fig2Samples > 1e5:
		return fmt.Errorf("the noise directions of Fig. 2 must number 1 to 100,000, not %d", s.Fig2Samples)
	}
	return nil
}

// Point is everything measured for one test image: Figs. 4 and 2 side by
// side (JSON flattens them into one object).
type Point struct {
	Index int `json:"index"` // the image's index in the test set
	Label int `json:"label"`
	Fig4Point
	Fig2Point
}

// ImageRun measures one Point: the run of NewImageFig4, then that of
// NewImageFig2. Its numbers depend only on (model, weights, image,
// settings).
type ImageRun struct {
	p    Point
	fig4 *Fig4Run
	fig2 *Fig2Run
	seq  *step.Seq
}

// NewImage prepares the measurement of test image index (pixels x, true
// class y) for the model named model with weights net. It panics on
// settings that fail Validate (check those first).
func NewImage(net *nn.Network, model string, index int, x []float64, y int, s Settings) *ImageRun {
	if err := s.Validate(); err != nil {
		panic("measure: " + err.Error())
	}
	r := &ImageRun{p: Point{Index: index, Label: y},
		fig4: NewImageFig4(net, model, index, x, y, s.Sigma, s.RateSamples, s.Starts, s.Seed),
		fig2: NewImageFig2(net, model, index, x, y, s.Fig2Samples, s.Seed)}
	r.seq = step.NewSeq(r.fig4, r.fig2)
	return r
}

// NewImageFig4 prepares test image index's Fig. 4 measurement for the
// model named model, the way the page and the command line share it: at
// noise level sigma with rateSamples copies and starts noisy starts,
// searched with attack.Fast(net), drawing from Rand(seed, KeyFig4,
// model, index).
func NewImageFig4(net *nn.Network, model string, index int, x []float64, y int, sigma float64, rateSamples, starts int, seed uint64) *Fig4Run {
	p := noise.DistanceParams{Sigma: sigma, RateSamples: rateSamples, Starts: starts, Find: attack.Fast(net)}
	return NewFig4(net, x, y, p, Rand(seed, KeyFig4, model, index))
}

// NewImageFig2 prepares test image index's Fig. 2 measurement for the
// model named model: samples common noise directions, the clean search
// with attack.Fast(net), drawing from Rand(seed, KeyFig2, model, index).
func NewImageFig2(net *nn.Network, model string, index int, x []float64, y int, samples int, seed uint64) *Fig2Run {
	return NewFig2(net, attack.Fast(net), x, y, samples, Rand(seed, KeyFig2, model, index))
}

// Step does one piece of the measurement and reports whether it is done.
func (r *ImageRun) Step() bool { return r.seq.Step() }

// Progress returns the steps taken and an upper bound on the total.
func (r *ImageRun) Progress() (done, total int) { return r.seq.Progress() }

// Point returns the measurement; it panics before Step has reported
// completion.
func (r *ImageRun) Point() Point {
	p := r.p
	p.Fig4Point, p.Fig2Point = r.fig4.Point(), r.fig2.Point()
	return p
}

// Run measures one image to the end.
func Run(net *nn.Network, model string, index int, x []float64, y int, s Settings) Point {
	r := NewImage(net, model, index, x, y, s)
	step.Run(r)
	return r.Point()
}

// Agrees reports whether q holds the same measurement as p: equal counts,
// flags and indices, and every real number within a relative 1e-12.
// Points measured natively and under WebAssembly can differ in the last
// bits of the intervals and bounds, because Go's math.Exp and math.Log
// are assembly on amd64 and pure Go under wasm; the raw measurements
// (error counts, distances) agree exactly.
func (p Point) Agrees(q Point) bool {
	if p.Index != q.Index || p.Label != q.Label || p.Count != q.Count || p.Above != q.Above {
		return false
	}
	a := []float64{p.Mu, p.MuCI[0], p.MuCI[1], p.Median, p.MedianCI[0], p.MedianCI[1], p.Bound, p.BoundHi, p.Certified, p.Sigma1, p.Distance}
	b := []float64{q.Mu, q.MuCI[0], q.MuCI[1], q.Median, q.MedianCI[0], q.MedianCI[1], q.Bound, q.BoundHi, q.Certified, q.Sigma1, q.Distance}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-12*math.Max(math.Abs(a[i]), math.Abs(b[i])) {
			return false
		}
	}
	return true
}
