// Package jobs holds the page's long computations as steppable jobs, in
// plain Go: a compute worker (package main in wasm/worker) runs them in a
// Web Worker, stepping until done and answering progress and cancel
// requests between steps; where workers are unavailable the page steps
// them a few milliseconds per frame (RunFor). The same job gives the same
// bytes either way.
package jobs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"noiseball/core/data"
	"noiseball/core/measure"
	"noiseball/core/nn"
	"noiseball/core/region"
	"noiseball/wasm/scene"
)

// Job is a computation that runs in bounded steps.
type Job interface {
	// Step does a bounded amount of work (a few milliseconds) and reports
	// whether the job is complete.
	Step() (done bool)
	// Progress returns the work done and the total, in the job's units.
	Progress() (done, total int)
	// Result returns the job's output once Step has reported completion.
	Result() ([]byte, error)
}

// Partial is a Job whose unfinished result is worth showing, such as a
// slice filled coarse to fine: the worker sends it with each progress
// report.
type Partial interface {
	Job
	Partial() []byte
}

// Kinds of job, as the page names them in messages.
const (
	// IsoMeasure measures a scene.Iso set: params are scene.Iso as JSON,
	// the result scene.IsoResult as JSON.
	IsoMeasure = "iso-measure"
	// IsoMatch finds the size at which a scene.Iso set has a target mass:
	// params are MatchParams, the result MatchResult.
	IsoMatch = "iso-match"
	// Slice computes a slice of input space: params are scene.Slice, data
	// SliceData, the result (and partial results) scene.SliceResult.
	Slice = "slice"
	// Misclassified finds the first digit a model gets wrong among those
	// it is sent: params are MisclassifiedParams, data DigitsData, the
	// result MisclassifiedResult.
	Misclassified = "misclassified"
	// Bound measures Figs. 2 and 4 on the digits it is sent: params are
	// BoundParams, data DigitsData, the result (and partial results) the
	// measure.Points done, in the order sent.
	Bound = "bound"
	// Digit reads a drawn digit: params are scene.Digit, data DigitData,
	// the result (and partial results) scene.DigitResult.
	Digit = "digit"
)

// DigitData packs a digit job's inputs: the 784 pixels (bytes, 255 for
// 1), then the model's safetensors file.
func DigitData(pixels, weights []byte) []byte {
	return append(append([]byte{}, pixels...), weights...)
}

// BoundParams name the model (it keys the seeds, see measure.Rand), the
// test-set index of each digit sent, and the settings.
type BoundParams struct {
	Model    string           `json:"model"`
	Indices  []int            `json:"indices"`
	Settings measure.Settings `json:"settings"`
}

// MisclassifiedParams name the model and the index of the first digit
// sent, so the answer is an index into the test set.
type MisclassifiedParams struct {
	Model string `json:"model"`
	First int    `json:"first"`
}

// MisclassifiedResult is the test-set index of the first misclassified
// digit found, or -1 if the model got all of them right.
type MisclassifiedResult struct {
	Index int `json:"index"`
}

// DigitsData packs n digits and a model for the Misclassified and Bound
// jobs: n as a 4-byte big-endian count, n labels, n·784 pixels (bytes,
// 255 for 1), then the safetensors file.
func DigitsData(labels, pixels, weights []byte) []byte {
	n := len(labels)
	b := []byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}
	return append(append(append(b, labels...), pixels...), weights...)
}

// digits unpacks DigitsData, checking the model takes 28×28 digits.
func digits(kind, model string, data []byte) (labels, pixels []byte, net *nn.Network, err error) {
	if len(data) < 4 {
		return nil, nil, nil, fmt.Errorf("jobs: %s needs digits and a model", kind)
	}
	n := int(data[0])<<24 | int(data[1])<<16 | int(data[2])<<8 | int(data[3])
	if n < 1 || n > scene.MNISTTest || len(data) < 4+n*785 {
		return nil, nil, nil, fmt.Errorf("jobs: %s got %d bytes for %d digits", kind, len(data), n)
	}
	net, _, err = nn.Load(bytes.NewReader(data[4+n*785:]))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("jobs: the weights of %s are unusable: %v", model, err)
	}
	if net.InShape().Size() != 784 {
		return nil, nil, nil, fmt.Errorf("jobs: %s does not take 28×28 digits", model)
	}
	for _, y := range data[4 : 4+n] {
		if int(y) >= net.Classes() {
			return nil, nil, nil, fmt.Errorf("jobs: label %d is not one of %s's %d classes", y, model, net.Classes())
		}
	}
	return data[4 : 4+n], data[4+n : 4+n*785], net, nil
}

// SliceData packs a slice job's binary inputs as the page sends them in
// one typed array: the digit's label, its 784 pixels, then the model's
// safetensors file.
func SliceData(label int, pixels, weights []byte) []byte {
	return append(append([]byte{byte(label)}, pixels...), weights...)
}

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

// New returns the job of the given kind with its JSON parameters and
// binary data (nil for jobs without); malformed input is an error that
// says what was wrong.
func New(kind string, params, data []byte) (Job, error) {
	switch kind {
	case Slice:
		var p scene.Slice
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, fmt.Errorf("jobs: the parameters of %s are not valid JSON: %v", kind, err)
		}
		if !(p.Sigma > 0 && p.Sigma <= 1) || p.Image < 0 || (p.Plane != "error" && p.Plane != "random") {
			return nil, fmt.Errorf("jobs: %s needs 0 < σ ≤ 1, an image index and a plane (error or random), not %v, %d and %q", kind, p.Sigma, p.Image, p.Plane)
		}
		const pix = 28 * 28
		if len(data) < 1+pix || data[0] > 9 {
			return nil, fmt.Errorf("jobs: %s needs a label, %d pixels and a weights file, not %d bytes", kind, pix, len(data))
		}
		run, err := scene.NewSliceRun(p, data[1+pix:], int(data[0]), data[1:1+pix])
		if err != nil {
			return nil, fmt.Errorf("jobs: %v", err)
		}
		return &sliceJob{run: run}, nil
	case Digit:
		var p scene.Digit
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, fmt.Errorf("jobs: the parameters of %s are not valid JSON: %v", kind, err)
		}
		if !(p.Sigma > 0 && p.Sigma <= 1) {
			return nil, fmt.Errorf("jobs: %s needs 0 < σ ≤ 1, not %v", kind, p.Sigma)
		}
		if len(data) < 784 {
			return nil, fmt.Errorf("jobs: %s needs 784 pixels and a weights file, not %d bytes", kind, len(data))
		}
		run, err := scene.NewDigitRun(p, data[784:], data[:784])
		if err != nil {
			return nil, fmt.Errorf("jobs: %v", err)
		}
		return &digitJob{run: run}, nil
	case Misclassified:
		var p MisclassifiedParams
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, fmt.Errorf("jobs: the parameters of %s are not valid JSON: %v", kind, err)
		}
		labels, pixels, net, err := digits(kind, p.Model, data)
		if err != nil {
			return nil, err
		}
		return &misclassified{p: p, net: net, labels: labels, pixels: pixels, found: -1}, nil
	case Bound:
		var p BoundParams
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, fmt.Errorf("jobs: the parameters of %s are not valid JSON: %v", kind, err)
		}
		if err := p.Settings.Validate(); err != nil {
			return nil, fmt.Errorf("jobs: %s: %v", kind, err)
		}
		labels, pixels, net, err := digits(kind, p.Model, data)
		if err != nil {
			return nil, err
		}
		if len(p.Indices) != len(labels) {
			return nil, fmt.Errorf("jobs: %s got %d indices for %d digits", kind, len(p.Indices), len(labels))
		}
		return &bound{p: p, net: net, labels: labels, pixels: pixels}, nil
	case IsoMeasure:
		var c scene.Iso
		if err := json.Unmarshal(params, &c); err != nil {
			return nil, fmt.Errorf("jobs: the parameters of %s are not valid JSON: %v", kind, err)
		}
		if err := c.Validate(); err != nil {
			return nil, fmt.Errorf("jobs: %s: %v", kind, err)
		}
		m, err := c.Meter()
		if err != nil {
			return nil, fmt.Errorf("jobs: %v", err)
		}
		return &isoMeasure{iso: c, m: m}, nil
	case IsoMatch:
		var p MatchParams
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, fmt.Errorf("jobs: the parameters of %s are not valid JSON: %v", kind, err)
		}
		if err := p.Iso.Validate(); err != nil {
			return nil, fmt.Errorf("jobs: %s: %v", kind, err)
		}
		if !(p.Target > 0 && p.Target < 1) {
			return nil, fmt.Errorf("jobs: %s needs a target mass in (0, 1), not %v", kind, p.Target)
		}
		return &match{p: p}, nil
	}
	return nil, fmt.Errorf("jobs: there is no job %q", kind)
}

// measureStep is how many noisy points one Step of IsoMeasure draws,
// about a millisecond under wasm.
const measureStep = 8192

type isoMeasure struct {
	iso  scene.Iso
	m    *region.Meter
	done bool
}

func (j *isoMeasure) Step() bool {
	j.done = j.m.Step(measureStep)
	return j.done
}

func (j *isoMeasure) Progress() (int, int) { return j.m.Progress() }

func (j *isoMeasure) Result() ([]byte, error) {
	if !j.done {
		panic("jobs: Result before the job is done")
	}
	return json.Marshal(scene.NewIsoResult(j.iso, j.m.Result(scene.ExpansionEps())))
}

// match runs in one step: 60 bisection rounds over scene.MatchDraws
// draws, some tens of milliseconds.
type match struct {
	p   MatchParams
	res []byte
	err error
}

func (j *match) Step() bool {
	v, err := j.p.Iso.Match(j.p.Target)
	if err != nil {
		j.err = err
	} else {
		j.res, j.err = json.Marshal(MatchResult{Param: j.p.Iso.SizeParam(), Value: v})
	}
	return true
}

func (j *match) Progress() (int, int) {
	if j.res != nil || j.err != nil {
		return 1, 1
	}
	return 0, 1
}

func (j *match) Result() ([]byte, error) { return j.res, j.err }

// RunFor steps j until it is done or d has passed, and reports whether
// it is done. At least one step runs.
func RunFor(j Job, d time.Duration) bool {
	start := time.Now()
	for {
		if j.Step() {
			return true
		}
		if time.Since(start) >= d {
			return false
		}
	}
}

type sliceJob struct {
	run  *scene.SliceRun
	done bool
}

func (j *sliceJob) Step() bool {
	j.done = j.run.Step()
	return j.done
}

func (j *sliceJob) Progress() (int, int) { return j.run.Progress() }

func (j *sliceJob) Partial() []byte {
	b, _ := json.Marshal(j.run.Result())
	return b
}

func (j *sliceJob) Result() ([]byte, error) {
	if !j.done {
		panic("jobs: Result before the job is done")
	}
	return json.Marshal(j.run.Result())
}

// misclassifiedBatch is how many digits one step classifies.
const misclassifiedBatch = 32

type misclassified struct {
	p      MisclassifiedParams
	net    *nn.Network
	labels []byte
	pixels []byte
	next   int
	found  int
}

func (j *misclassified) Step() bool {
	n := min(misclassifiedBatch, len(j.labels)-j.next)
	x := make([]float64, n*784)
	data.BytesToPixels(x, j.pixels[j.next*784:(j.next+n)*784])
	pred := make([]int, n)
	nn.Argmax(pred, j.net.Logits(x, n), j.net.Classes())
	for i, c := range pred {
		if c != int(j.labels[j.next+i]) {
			j.found = j.p.First + j.next + i
			j.next = len(j.labels)
			return true
		}
	}
	j.next += n
	return j.next == len(j.labels)
}

func (j *misclassified) Progress() (int, int) { return j.next, len(j.labels) }

func (j *misclassified) Result() ([]byte, error) {
	return json.Marshal(MisclassifiedResult{Index: j.found})
}

// bound measures one digit after another, each a measure.ImageRun
// stepped in pieces of about a hundred model evaluations or one
// nearest-error search.
type bound struct {
	p      BoundParams
	net    *nn.Network
	labels []byte
	pixels []byte
	run    *measure.ImageRun
	points []measure.Point
}

func (j *bound) Step() bool {
	if len(j.points) == len(j.labels) {
		return true
	}
	if j.run == nil {
		k := len(j.points)
		x := make([]float64, 784)
		data.BytesToPixels(x, j.pixels[k*784:(k+1)*784])
		j.run = measure.NewImage(j.net, j.p.Model, j.p.Indices[k], x, int(j.labels[k]), j.p.Settings)
	}
	if j.run.Step() {
		j.points = append(j.points, j.run.Point())
		j.run = nil
	}
	return len(j.points) == len(j.labels)
}

// Progress counts a thousand units per digit, the current one by its
// steps.
func (j *bound) Progress() (int, int) {
	done := 1000 * len(j.points)
	if j.run != nil {
		d, t := j.run.Progress()
		done += 1000 * d / t
	}
	return done, 1000 * len(j.labels)
}

func (j *bound) Partial() []byte {
	b, _ := json.Marshal(j.points)
	return b
}

func (j *bound) Result() ([]byte, error) {
	if len(j.points) < len(j.labels) {
		panic("jobs: Result before the job is done")
	}
	return json.Marshal(j.points)
}

type digitJob struct {
	run  *scene.DigitRun
	done bool
}

func (j *digitJob) Step() bool {
	j.done = j.run.Step()
	return j.done
}

func (j *digitJob) Progress() (int, int) { return j.run.Progress() }

func (j *digitJob) Partial() []byte {
	b, _ := json.Marshal(j.run.Result())
	return b
}

func (j *digitJob) Result() ([]byte, error) {
	if !j.done {
		panic("jobs: Result before the job is done")
	}
	return json.Marshal(j.run.Result())
}
