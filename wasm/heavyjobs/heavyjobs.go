// Package heavyjobs registers the starts of the worker-only kinds of
// package jobs (training a model, training on the spheres, the model
// comparison), so that only the compute worker links the engines behind
// them: the page's program, which runs jobs itself only where it has no
// workers, stays smaller by the training and comparison code. The worker
// calls Register once.
package heavyjobs

import (
	"errors"
	"fmt"
	"sync"

	"noiseball/core/compare"
	"noiseball/core/compare/meter"
	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/core/train"
	"noiseball/wasm/jobs"
	"noiseball/wasm/scene"
)

var (
	once sync.Once
	// helpers gives a training run the train.Helper of the worker's
	// peers for its network's layers (nil: none).
	helpers func(specs []nn.LayerSpec) train.Helper
)

// Register registers the starts of jobs.Spheres, jobs.Train and
// jobs.Compare; calling it again does nothing. helpers, if not nil,
// gives a training run the other workers' help (train.Helper) for a
// network of the given layers, or nil when there is none.
func Register(h func(specs []nn.LayerSpec) train.Helper) {
	once.Do(func() {
		helpers = h
		jobs.Handle(jobs.Spheres, startSpheres)
		jobs.Handle(jobs.Train, startTrain)
		jobs.Handle(jobs.Compare, startCompare)
	})
}

func startSpheres(p scene.Spheres, in jobs.Inputs) (jobs.Run[scene.SpheresResult], error) {
	if in.Weights != nil || in.Pixels != nil {
		return jobs.Run[scene.SpheresResult]{}, jobs.ErrNoInputs
	}
	run, err := scene.NewSpheresRun(p)
	if err != nil {
		return jobs.Run[scene.SpheresResult]{}, err
	}
	return jobs.Run[scene.SpheresResult]{Stepper: run, Result: func() (scene.SpheresResult, error) { return run.Result(), nil }}, nil
}

func startTrain(p scene.Train, in jobs.Inputs) (jobs.Run[scene.TrainResult], error) {
	if len(in.Weights) > 0 || in.Labels == nil {
		return jobs.Run[scene.TrainResult]{}, errors.New("the job takes labeled digits and no model")
	}
	run, err := scene.NewTrainRun(p, in.Labels, in.Pixels)
	if err != nil {
		return jobs.Run[scene.TrainResult]{}, err
	}
	if helpers != nil {
		if h := helpers(run.Session.Net.Specs()); h != nil {
			// Count the shards another worker computed, for the page.
			run.Session.Train.Helper = func(job train.ShardJob, w []float64) func() (train.ShardResult, error) {
				wait := h(job, w)
				return func() (train.ShardResult, error) {
					r, err := wait()
					if err == nil {
						run.Helped++
					}
					return r, err
				}
			}
		}
	}
	return jobs.Run[scene.TrainResult]{Stepper: run, Result: run.Result}, nil
}

func startCompare(p scene.CompareParams, in jobs.Inputs) (jobs.Run[compare.Result], error) {
	s := p.Settings
	n := scene.CompareDigits(s)
	if n < 1 || n > scene.MNISTTest || s.PGDSteps < 1 || s.PGDSteps > 1000 || len(s.NoiseSigmas) > 20 || len(s.L2Eps)+len(s.LinfEps) > 20 {
		return jobs.Run[compare.Result]{}, fmt.Errorf("the comparison's settings are out of range: %+v", s)
	}
	net, err := in.Check(p.Model, n, n, true)
	if err != nil {
		return jobs.Run[compare.Result]{}, err
	}
	set, err := data.MNISTFromBytes("mnist-test", in.Labels, in.Pixels)
	if err != nil {
		return jobs.Run[compare.Result]{}, err
	}
	m := meter.NewMeter(p.Model, net, set, s)
	return jobs.Run[compare.Result]{Stepper: m, Result: func() (compare.Result, error) { return m.Result(), nil }}, nil
}
