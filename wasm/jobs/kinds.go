package jobs

import (
	"errors"
	"fmt"

	"noiseball/core/compare"
	"noiseball/core/data"
	"noiseball/core/measure"
	"noiseball/core/nn"
	"noiseball/wasm/scene"
)

// The page's kinds of job, each with its parameters and result types.
var (
	// IsoMeasure measures the isoperimetry scene's set by Monte Carlo
	// (region.Meter): no inputs.
	IsoMeasure = register(&Kind[scene.Iso, scene.IsoResult]{Name: "iso-measure", start: startIsoMeasure})
	// IsoMatch finds the size at which the isoperimetry scene's set has a
	// target Gaussian mass: no inputs; one step.
	IsoMatch = register(&Kind[MatchParams, MatchResult]{Name: "iso-match", start: startIsoMatch})
	// Slice computes a 2-D slice of input space through one labeled digit
	// (scene.SliceRun), coarse to fine.
	Slice = register(&Kind[scene.Slice, scene.SliceResult]{Name: "slice", Partial: true, start: startSlice})
	// Digit reads one unlabeled digit, a drawing (scene.DigitRun).
	Digit = register(&Kind[scene.Digit, scene.DigitResult]{Name: "digit", Partial: true, start: startDigit})
	// Misclassified finds the first of the labeled digits sent that the
	// model gets wrong.
	Misclassified = register(&Kind[MisclassifiedParams, MisclassifiedResult]{Name: "misclassified", start: startMisclassified})
	// Bound measures Figs. 2 and 4 (measure.ImageRun) on the labeled
	// digits sent; its result is their points, in the order sent.
	Bound = register(&Kind[BoundParams, []measure.Point]{Name: "bound", Partial: true, start: startBound})

	// The worker-only kinds: training and the model comparison, whose
	// engines the page's program does not carry (package heavyjobs
	// registers their starts in the worker).

	// Spheres trains a network on Adversarial Spheres, slices it and
	// measures it on the inner sphere (scene.SpheresRun): no inputs.
	Spheres = declare(&Kind[scene.Spheres, scene.SpheresResult]{Name: "spheres", Partial: true})
	// Train trains a model on the training digits sent and measures it
	// on the test digits that follow them (scene.TrainRun).
	Train = declare(&Kind[scene.Train, scene.TrainResult]{Name: "train", Partial: true})
	// Compare measures a model as the paper compares models
	// (compare.Meter) on the first test digits, as many as its settings
	// need.
	Compare = declare(&Kind[scene.CompareParams, compare.Result]{Name: "compare"})
)

// MatchParams are the parameters of an IsoMatch job.
type MatchParams struct {
	Iso    scene.Iso `json:"iso"`
	Target float64   `json:"target"`
}

// MatchResult is the answer of an IsoMatch job: the value of Param.
type MatchResult struct {
	Param string  `json:"param"`
	Value float64 `json:"value"`
}

// MisclassifiedParams name the model and the test-set index of the first
// digit sent, so the answer is an index into the test set.
type MisclassifiedParams struct {
	Model string `json:"model"`
	First int    `json:"first"`
}

// MisclassifiedResult is the test-set index of the first misclassified
// digit found, or -1 if the model got all of them right.
type MisclassifiedResult struct {
	Index int `json:"index"`
}

// BoundParams name the model (it keys the seeds, see measure.Rand), the
// test-set index of each digit sent, and the settings.
type BoundParams struct {
	Model    string           `json:"model"`
	Indices  []int            `json:"indices"`
	Settings measure.Settings `json:"settings"`
}

// ErrNoInputs is the error of a job that takes none but got some.
var ErrNoInputs = errors.New("the job takes no digits or model")

func startIsoMeasure(c scene.Iso, in Inputs) (Run[scene.IsoResult], error) {
	if in.Weights != nil || in.Pixels != nil {
		return Run[scene.IsoResult]{}, ErrNoInputs
	}
	if err := c.Validate(); err != nil {
		return Run[scene.IsoResult]{}, err
	}
	m, err := c.Meter()
	if err != nil {
		return Run[scene.IsoResult]{}, err
	}
	return Run[scene.IsoResult]{Stepper: m, Result: func() (scene.IsoResult, error) {
		return scene.NewIsoResult(c, m.Result(scene.ExpansionEps())), nil
	}}, nil
}

func startIsoMatch(p MatchParams, in Inputs) (Run[MatchResult], error) {
	if in.Weights != nil || in.Pixels != nil {
		return Run[MatchResult]{}, ErrNoInputs
	}
	if err := p.Iso.Validate(); err != nil {
		return Run[MatchResult]{}, err
	}
	if !(p.Target > 0 && p.Target < 1) {
		return Run[MatchResult]{}, fmt.Errorf("the target mass must be in (0, 1), not %v", p.Target)
	}
	var res MatchResult
	var err error
	once := &once{do: func() {
		var v float64
		v, err = p.Iso.Match(p.Target)
		res = MatchResult{Param: p.Iso.SizeParam(), Value: v}
	}}
	return Run[MatchResult]{Stepper: once, Result: func() (MatchResult, error) { return res, err }}, nil
}

func startSlice(p scene.Slice, in Inputs) (Run[scene.SliceResult], error) {
	if !(p.Sigma > 0 && p.Sigma <= 1) || p.Image < 0 || (p.Plane != "error" && p.Plane != "random") {
		return Run[scene.SliceResult]{}, fmt.Errorf("a slice needs 0 < σ ≤ 1, an image index and a plane (error or random), not %v, %d and %q", p.Sigma, p.Image, p.Plane)
	}
	net, err := in.Check(p.Model, 1, 1, true)
	if err != nil {
		return Run[scene.SliceResult]{}, err
	}
	run, err := scene.NewSliceRun(p, net, int(in.Labels[0]), in.Pixels)
	if err != nil {
		return Run[scene.SliceResult]{}, err
	}
	return Run[scene.SliceResult]{Stepper: run, Result: func() (scene.SliceResult, error) { return run.Result(), nil }}, nil
}

func startDigit(p scene.Digit, in Inputs) (Run[scene.DigitResult], error) {
	if !(p.Sigma > 0 && p.Sigma <= 1) {
		return Run[scene.DigitResult]{}, fmt.Errorf("reading a digit needs 0 < σ ≤ 1, not %v", p.Sigma)
	}
	net, err := in.Check(p.Model, 1, 1, false)
	if err != nil {
		return Run[scene.DigitResult]{}, err
	}
	run, err := scene.NewDigitRun(p, net, in.Pixels)
	if err != nil {
		return Run[scene.DigitResult]{}, err
	}
	return Run[scene.DigitResult]{Stepper: run, Result: func() (scene.DigitResult, error) { return run.Result(), nil }}, nil
}

func startMisclassified(p MisclassifiedParams, in Inputs) (Run[MisclassifiedResult], error) {
	net, err := in.Check(p.Model, 1, scene.MNISTTest, true)
	if err != nil {
		return Run[MisclassifiedResult]{}, err
	}
	if p.First < 0 || p.First > scene.MNISTTest-in.Digits() {
		return Run[MisclassifiedResult]{}, fmt.Errorf("the first digit's index %d and %d digits do not fit the test set", p.First, in.Digits())
	}
	m := &misclassified{first: p.First, net: net, in: in, found: -1}
	return Run[MisclassifiedResult]{Stepper: m, Result: func() (MisclassifiedResult, error) { return MisclassifiedResult{Index: m.found}, nil }}, nil
}

func startBound(p BoundParams, in Inputs) (Run[[]measure.Point], error) {
	if err := p.Settings.Validate(); err != nil {
		return Run[[]measure.Point]{}, err
	}
	net, err := in.Check(p.Model, 1, scene.MNISTTest, true)
	if err != nil {
		return Run[[]measure.Point]{}, err
	}
	if len(p.Indices) != in.Digits() {
		return Run[[]measure.Point]{}, fmt.Errorf("%d indices for %d digits", len(p.Indices), in.Digits())
	}
	b := &bound{p: p, net: net, in: in}
	return Run[[]measure.Point]{Stepper: b, Result: func() ([]measure.Point, error) { return b.points, nil }}, nil
}

// once is a job of one step.
type once struct {
	do   func()
	done bool
}

func (o *once) Step() bool {
	if !o.done {
		o.do()
		o.done = true
	}
	return true
}

func (o *once) Progress() (int, int) {
	if o.done {
		return 1, 1
	}
	return 0, 1
}

// misclassifiedBatch is how many digits one step classifies.
const misclassifiedBatch = 32

// misclassified classifies the digits in batches until one is wrong.
type misclassified struct {
	first int
	net   *nn.Network
	in    Inputs
	next  int
	found int
}

func (j *misclassified) Step() bool {
	n := min(misclassifiedBatch, j.in.Digits()-j.next)
	const d = data.MNISTPixels
	x := make([]float64, n*d)
	data.BytesToPixels(x, j.in.Pixels[j.next*d:(j.next+n)*d])
	pred := make([]int, n)
	nn.Argmax(pred, j.net.Logits(x, n), j.net.Classes())
	for i, c := range pred {
		if c != int(j.in.Labels[j.next+i]) {
			j.found = j.first + j.next + i
			j.next = j.in.Digits()
			return true
		}
	}
	j.next += n
	return j.next == j.in.Digits()
}

func (j *misclassified) Progress() (int, int) { return j.next, j.in.Digits() }

// bound measures one digit after another, each a measure.ImageRun
// stepped in pieces of one batch of noisy copies or one nearest-error
// search.
type bound struct {
	p      BoundParams
	net    *nn.Network
	in     Inputs
	run    *measure.ImageRun
	points []measure.Point
}

func (j *bound) Step() bool {
	n := j.in.Digits()
	if len(j.points) == n {
		return true
	}
	if j.run == nil {
		k := len(j.points)
		const d = data.MNISTPixels
		x := make([]float64, d)
		data.BytesToPixels(x, j.in.Pixels[k*d:(k+1)*d])
		j.run = measure.NewImage(j.net, j.p.Model, j.p.Indices[k], x, int(j.in.Labels[k]), j.p.Settings)
	}
	if j.run.Step() {
		j.points = append(j.points, j.run.Point())
		j.run = nil
	}
	return len(j.points) == n
}

// Progress counts a thousand units per digit, the current one by its
// steps.
func (j *bound) Progress() (int, int) {
	done := 1000 * len(j.points)
	if j.run != nil {
		d, t := j.run.Progress()
		done += 1000 * d / t
	}
	return done, 1000 * j.in.Digits()
}
