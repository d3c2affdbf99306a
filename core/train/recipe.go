package train

import (
	"fmt"
	"math"

	"noiseball/core/attack"
)

// Recipe says how a network is trained. It is stored as JSON in the
// "recipe" metadata of a weights file, so a file explains itself.
type Recipe struct {
	Method string  `json:"method"`          // "clean", "gauss" or "pgd"
	Sigma  float64 `json:"sigma,omitempty"` // gauss: noise standard deviation, pixel units
	// pgd: the attack used to make each training example adversarial.
	Norm        string  `json:"norm,omitempty"`      // "linf" or "l2"
	Eps         float64 `json:"eps,omitempty"`       // ball radius, pixel units
	Steps       int     `json:"steps,omitempty"`     // PGD steps
	StepSize    float64 `json:"step_size,omitempty"` // PGD step length, pixel units
	RandomStart bool    `json:"random_start,omitempty"`

	Epochs    int     `json:"epochs"`
	Batch     int     `json:"batch"`
	Optimizer string  `json:"optimizer"` // "adam" or "sgd"
	LR        float64 `json:"lr"`        // peak learning rate
	Momentum  float64 `json:"momentum,omitempty"`
	Schedule  string  `json:"schedule"` // "constant" or "cosine" (to 0 over all steps)
	Seed      uint64  `json:"seed"`
}

// Shards is the fixed number of pieces a mini-batch's gradient is split
// into; each is computed by one network clone and the pieces are summed in
// order, so results do not depend on how many goroutines run them.
const Shards = 2

// Defaults returns a recipe for method with the defaults used by the
// shipped models: Adam at 1e-3 with a cosine schedule, batch 64, 3 epochs,
// seed 1; for pgd, 5 steps of 2.5·eps/5 with a random start.
func Defaults(method string) Recipe {
	r := Recipe{Method: method, Epochs: 3, Batch: 64, Optimizer: "adam", LR: 1e-3, Schedule: "cosine", Seed: 1}
	if method == "pgd" {
		r.Norm, r.Steps, r.RandomStart = "linf", 5, true
	}
	return r
}

// Validate reports the first field that makes r unusable, as an error a
// user can act on.
func (r *Recipe) Validate() error {
	bad := func(format string, a ...any) error { return fmt.Errorf("train: recipe "+format, a...) }
	switch r.Method {
	case "clean":
	case "gauss":
		if !(r.Sigma > 0 && r.Sigma <= 10) {
			return bad("gauss needs sigma in (0, 10], got %v", r.Sigma)
		}
	case "pgd":
		if _, err := attack.ParseNorm(r.Norm); err != nil {
			return bad("pgd needs norm l2 or linf, got %q", r.Norm)
		}
		if !(r.Eps > 0 && r.Eps <= 100) || r.Steps <= 0 || r.Steps > 1000 || !(r.StepSize > 0 && r.StepSize <= 100) {
			return bad("pgd needs eps in (0, 100], 1 to 1000 steps and step_size in (0, 100], got eps %v, steps %d, step_size %v", r.Eps, r.Steps, r.StepSize)
		}
	default:
		return bad("method %q is unknown; want clean, gauss or pgd", r.Method)
	}
	switch {
	case r.Epochs <= 0 || r.Epochs > 1000:
		return bad("epochs %d must be 1 to 1000", r.Epochs)
	case r.Batch < Shards || r.Batch > 4096:
		return bad("batch %d must be %d to 4096", r.Batch, Shards)
	case r.Optimizer != "adam" && r.Optimizer != "sgd":
		return bad("optimizer %q is unknown; want adam or sgd", r.Optimizer)
	case !(r.LR > 0) || r.LR > 10:
		return bad("learning rate %v must be in (0, 10]", r.LR)
	case r.Momentum < 0 || r.Momentum >= 1:
		return bad("momentum %v must be in [0, 1)", r.Momentum)
	case r.Schedule != "constant" && r.Schedule != "cosine":
		return bad("schedule %q is unknown; want constant or cosine", r.Schedule)
	}
	return nil
}

// attack returns the PGD attack of a pgd recipe: no early stop (every
// step is taken, as in Madry et al.) and clipping to [0,1].
func (r *Recipe) attack() attack.PGD {
	norm, _ := attack.ParseNorm(r.Norm)
	return attack.PGD{Norm: norm, Eps: r.Eps, Steps: r.Steps, Step: r.StepSize, RandomStart: r.RandomStart, Clip: true}
}

// rate returns the learning rate after done of total steps: constant, or
// cosine lr·(1 + cos(π·done/total))/2.
func (r *Recipe) rate(done, total int) float64 {
	if r.Schedule == "cosine" && total > 0 {
		return r.LR * 0.5 * (1 + math.Cos(math.Pi*float64(done)/float64(total)))
	}
	return r.LR
}
