package jobs

import (
	"encoding/json"
	"fmt"

	"noiseball/core/step"
)

// Kind describes one kind of job: its name in messages, its parameters
// type P and result type R (both travel as JSON), whether its unfinished
// results are worth sending, and how it starts. Each kind is declared
// once, in kinds.go, and registered by name for Start.
type Kind[P, R any] struct {
	// Name identifies the kind in messages.
	Name string
	// Partial says that the result so far is worth showing while the job
	// runs (a slice filled coarse to fine, the digits measured so far):
	// the runner sends it with progress reports.
	Partial bool
	// start checks p and in and returns the job's run; bad parameters
	// or inputs are errors that say what was wrong.
	start func(p P, in Inputs) (Run[R], error)
}

// Run is a started job: a step.Stepper and its result. Result is called
// once the stepper is complete and, for kinds with Partial, also between
// steps for the result so far.
type Run[R any] struct {
	step.Stepper
	Result func() (R, error)
}

// Request returns the message that runs a job of kind k with parameters
// p on inputs in (nil inputs: the zero Inputs, sent as none). It panics if
// p does not marshal (a caller bug).
func (k *Kind[P, R]) Request(id int, p P, in *Inputs) Message {
	b, err := json.Marshal(p)
	if err != nil {
		panic(fmt.Sprintf("jobs: the parameters of %s do not marshal: %v", k.Name, err))
	}
	m := Message{Type: MsgRun, ID: id, Kind: k.Name, Params: b}
	if in != nil {
		m.Inputs = in.Encode()
	}
	return m
}

// Decode reads a result, or a partial result, of kind k.
func (k *Kind[P, R]) Decode(b []byte) (R, error) {
	var r R
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("the result of %s came back unreadable: %v", k.Name, err)
	}
	return r, nil
}

// Job is a started job of any kind, as the Runner drives it: a stepper
// whose results are JSON.
type Job interface {
	step.Stepper
	// Result returns the JSON of the result once the job is complete.
	Result() ([]byte, error)
	// Partial returns the JSON of the result so far, or nil for kinds
	// without partial results.
	Partial() []byte
}

// job adapts a Run[R] to Job.
type job[R any] struct {
	Run[R]
	partial bool
}

func (j job[R]) Result() ([]byte, error) {
	r, err := j.Run.Result()
	if err != nil {
		return nil, err
	}
	return json.Marshal(r)
}

func (j job[R]) Partial() []byte {
	if !j.partial {
		return nil
	}
	b, err := j.Result()
	if err != nil {
		return nil
	}
	return b
}

// starter starts a job from a Run message's parameters and inputs.
type starter func(params []byte, in Inputs) (Job, error)

// registry holds every kind that can start here by name; workerOnly
// names the kinds declared without a start (see declare).
var (
	registry   = map[string]starter{}
	workerOnly = map[string]bool{}
)

// declare returns k, a kind whose start is registered only in the
// worker (Handle).
func declare[P, R any](k *Kind[P, R]) *Kind[P, R] {
	workerOnly[k.Name] = true
	return k
}

// register adds k to the registry and returns it; kinds.go declares
// each kind with it.
func register[P, R any](k *Kind[P, R]) *Kind[P, R] {
	if _, dup := registry[k.Name]; dup || k.Name == "" || k.start == nil {
		panic("jobs: kind " + k.Name + " registered twice, unnamed or without a start")
	}
	registry[k.Name] = func(params []byte, in Inputs) (Job, error) {
		var p P
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, fmt.Errorf("the parameters of %s are not valid: %v", k.Name, err)
		}
		run, err := k.start(p, in)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", k.Name, err)
		}
		return job[R]{Run: run, partial: k.Partial}, nil
	}
	return k
}

// Handle registers the start of a kind declared without one (a
// worker-only kind, see kinds.go): package heavyjobs does, in the worker,
// so the page's program does not link the engines behind it. It panics
// if k already has a start (a caller bug).
func Handle[P, R any](k *Kind[P, R], start func(p P, in Inputs) (Run[R], error)) {
	if k.start != nil {
		panic("jobs: Handle of " + k.Name + ", which has a start")
	}
	k.start = start
	register(k)
}

// WorkerOnly is the error of a worker-only kind started where it is not
// registered: the page runs jobs itself only when it has no workers.
const WorkerOnly = "needs a Web Worker, which this page cannot start here (an offline file, or a browser without workers); open the page from its web address in a current browser"

// Start returns the job a Run message asks for; an unknown kind, bad
// parameters or bad inputs are errors that say what was wrong.
func Start(m Message) (Job, error) {
	if m.Type != MsgRun {
		panic("jobs: Start of a " + m.Type.String() + " message")
	}
	s := registry[m.Kind]
	if s == nil && workerOnly[m.Kind] {
		return nil, fmt.Errorf("it %s", WorkerOnly)
	}
	if s == nil {
		return nil, fmt.Errorf("there is no job %q: reload the page", m.Kind)
	}
	var in Inputs
	if m.Inputs != nil {
		var err error
		if in, err = DecodeInputs(m.Inputs); err != nil {
			return nil, err
		}
	}
	return s(m.Params, in)
}
