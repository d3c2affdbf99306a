// Package jobs holds the page's long computations as steppable jobs, in
// plain Go: a compute worker (package main in wasm/worker) runs them in a
// Web Worker, stepping until done and answering progress and cancel
// requests between steps; where workers are unavailable the page steps
// them a few milliseconds per frame (RunFor). The same job gives the same
// bytes either way.
package jobs

import (
	"encoding/json"
	"fmt"
	"time"

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

// Kinds of job, as the page names them in messages.
const (
	// IsoMeasure measures a scene.Iso set: params are scene.Iso as JSON,
	// the result scene.IsoResult as JSON.
	IsoMeasure = "iso-measure"
	// IsoMatch finds the size at which a scene.Iso set has a target mass:
	// params are MatchParams, the result MatchResult.
	IsoMatch = "iso-match"
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

// New returns the job of the given kind; malformed parameters are an
// error that says what was wrong.
func New(kind string, params []byte) (Job, error) {
	switch kind {
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
		return &measure{iso: c, m: m}, nil
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

type measure struct {
	iso  scene.Iso
	m    *region.Meter
	done bool
}

func (j *measure) Step() bool {
	j.done = j.m.Step(measureStep)
	return j.done
}

func (j *measure) Progress() (int, int) { return j.m.Progress() }

func (j *measure) Result() ([]byte, error) {
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
