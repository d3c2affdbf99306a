package step_test

import (
	"noiseball/core/measure"
	"noiseball/core/noise"
	"noiseball/core/region"
	"noiseball/core/slice"
	"noiseball/core/step"
	"noiseball/core/train"
)

// Every steppable computation in core is a step.Stepper; the page's jobs
// adapt them with one adapter (wasm/jobs).
var (
	_ step.Stepper = (*noise.DistanceRun)(nil)
	_ step.Stepper = (*noise.CertifyRun)(nil)
	_ step.Stepper = (*noise.SigmaSearch)(nil)
	_ step.Stepper = (*measure.Fig4Run)(nil)
	_ step.Stepper = (*measure.Fig2Run)(nil)
	_ step.Stepper = (*measure.ImageRun)(nil)
	_ step.Stepper = (*region.Meter)(nil)
	_ step.Stepper = (*slice.Grid)(nil)
	_ step.Stepper = (*train.Trainer)(nil)
)
