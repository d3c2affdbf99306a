package spheres

import (
	"math/rand/v2"

	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/core/train"
)

// Config is a training run on the spheres and its measurement.
type Config struct {
	N       int          // dimension
	R       float64      // outer radius (class 1); the inner is 1
	Hidden  []int        // ReLU layer sizes
	Points  int          // training points
	Recipe  train.Recipe // its Seed also draws the points and the initial weights
	Measure Settings
}

// Run trains a network on the spheres data, then measures it on the
// inner sphere (Meter): a step.Stepper, a training batch or a step of
// the measurement at a time.
type Run struct {
	Set   *data.Set
	Net   *nn.Network
	Train *train.Trainer
	Meter *Meter // nil until training is done
	cfg   Config
}

// NewRun draws the training points and sets the network and its
// trainer up; bad settings are errors.
func NewRun(cfg Config) (*Run, error) {
	r := rand.New(rand.NewPCG(cfg.Recipe.Seed, 0x73657473))
	set := data.Spheres(r, cfg.Points, cfg.N, cfg.R)
	in := nn.Shape{C: cfg.N, H: 1, W: 1}
	net, err := nn.New(in, nn.MLPArch(in, cfg.Hidden, 2), rand.New(rand.NewPCG(cfg.Recipe.Seed, 0x696e6974)))
	if err != nil {
		return nil, err
	}
	tr, err := train.New(net, set, cfg.Recipe)
	if err != nil {
		return nil, err
	}
	return &Run{Set: set, Net: net, Train: tr, cfg: cfg}, nil
}

// Progress counts training batches and the measurement's work, a batch
// weighing as much as classifying its points.
func (r *Run) Progress() (done, total int) {
	bd, bt := r.Train.Progress()
	b := r.cfg.Recipe.Batch
	md, mt := 0, r.cfg.Measure.work()
	if r.Meter != nil {
		md, mt = r.Meter.Progress()
	}
	return bd*b + md, bt*b + mt
}

// Step trains a batch or takes a step of the measurement, and reports
// whether the run is complete.
func (r *Run) Step() bool {
	if !r.Train.Done() {
		r.Train.Step()
		return false
	}
	if r.Meter == nil {
		r.Meter = NewMeter(r.Net, r.cfg.N, r.cfg.Measure)
	}
	return r.Meter.Step()
}
