package attack

import (
	"fmt"
	"math"
	"math/rand/v2"

	"noiseball/core/nn"
)

// Norm selects the ball a perturbation lives in.
type Norm int

const (
	// L2 is the Euclidean norm ‖δ‖₂ = sqrt(Σ δ_i²).
	L2 Norm = iota
	// LInf is the max norm ‖δ‖∞ = max |δ_i|.
	LInf
)

// String returns "l2" or "linf", the names used in recipes and on the
// command line.
func (n Norm) String() string {
	if n == LInf {
		return "linf"
	}
	return "l2"
}

// ParseNorm parses "l2" or "linf".
func ParseNorm(s string) (Norm, error) {
	switch s {
	case "l2", "L2":
		return L2, nil
	case "linf", "Linf", "LInf", "inf":
		return LInf, nil
	}
	return 0, fmt.Errorf("attack: unknown norm %q; want l2 or linf", s)
}

// PGD is untargeted projected gradient ascent on the cross-entropy loss:
//
//	x_{t+1} = Π_{B(x, eps)} (x_t + Step · u_t),
//
// where u_t is the gradient's sign (L∞) or the gradient divided by its L2
// norm (L2), and Π projects onto the ball of radius Eps around the clean
// input x (and then onto [0,1]ⁿ when Clip is set).
type PGD struct {
	Norm        Norm
	Eps         float64 // radius of the ball, pixel units
	Steps       int     // gradient steps
	Step        float64 // step length per iteration, pixel units
	RandomStart bool    // start uniformly in the ball instead of at x
	Clip        bool    // keep every pixel in [0,1]
	EarlyStop   bool    // freeze an example once it is misclassified (targeted: once it reaches its target)
	Targeted    bool    // labels are target classes: descend their cross-entropy instead
}

// FGSM returns the fast gradient method as a PGD of one step of length
// eps: x + eps·sign(∇L) for L∞ (Goodfellow et al. 2015's fast gradient
// sign method), x + eps·∇L/‖∇L‖ for L2.
func FGSM(norm Norm, eps float64) PGD { return PGD{Norm: norm, Eps: eps, Steps: 1, Step: eps} }

// Perturb writes adversarial versions of the batch x (batch examples of
// m.InShape()) into dst, attacking the given labels (untargeted: away from
// them; Targeted: toward them). r supplies the random start and may be
// nil when RandomStart is false. x is not modified.
func (p PGD) Perturb(m nn.Model, dst, x []float64, labels []int, r *rand.Rand) {
	batch := len(labels)
	n := m.InShape().Size()
	k := m.Classes()
	if len(x) != batch*n || len(dst) != len(x) {
		panic(fmt.Sprintf("attack: PGD on %d values into %d for %d examples of %d", len(x), len(dst), batch, n))
	}
	if p.Eps < 0 || p.Steps < 0 || p.Step < 0 {
		panic("attack: PGD needs eps, steps and step >= 0")
	}
	copy(dst, x)
	if p.RandomStart {
		for b := range batch {
			p.randomStart(dst[b*n:(b+1)*n], r)
			p.project(dst[b*n:(b+1)*n], x[b*n:(b+1)*n])
		}
	}
	dl := make([]float64, batch*k)
	pred := make([]int, batch)
	done := make([]bool, batch)
	for range p.Steps {
		logits := m.Logits(dst, batch)
		if p.EarlyStop {
			nn.Argmax(pred, logits, k)
			all := true
			for b := range batch {
				done[b] = done[b] || (pred[b] != labels[b]) != p.Targeted
				all = all && done[b]
			}
			if all {
				return
			}
		}
		scale := 1.0
		if p.Targeted {
			scale = -1 // descend the target's loss
		}
		nn.CrossEntropy(dl, logits, labels, k, scale)
		g := m.InputGradient(dl)
		for b := range batch {
			if done[b] {
				continue
			}
			p.ascend(dst[b*n:(b+1)*n], g[b*n:(b+1)*n])
			p.project(dst[b*n:(b+1)*n], x[b*n:(b+1)*n])
		}
	}
}

// ascend moves one example by Step along the steepest-ascent direction of
// the norm: sign(g) for L∞, g/‖g‖₂ for L2 (no move when g = 0).
func (p PGD) ascend(v, g []float64) {
	switch p.Norm {
	case LInf:
		for i, gi := range g {
			if gi > 0 {
				v[i] += p.Step
			} else if gi < 0 {
				v[i] -= p.Step
			}
		}
	default:
		norm := 0.0
		for _, gi := range g {
			norm += float64(gi * gi)
		}
		if norm == 0 {
			return
		}
		s := p.Step / math.Sqrt(norm)
		for i, gi := range g {
			v[i] += float64(s * gi)
		}
	}
}

// project maps v onto the ball of radius Eps around x, then onto [0,1]ⁿ if
// Clip is set.
func (p PGD) project(v, x []float64) {
	switch p.Norm {
	case LInf:
		for i := range v {
			v[i] = min(max(v[i], x[i]-p.Eps), x[i]+p.Eps)
		}
	default:
		norm := 0.0
		for i := range v {
			d := v[i] - x[i]
			norm += float64(d * d)
		}
		if norm = math.Sqrt(norm); norm > p.Eps {
			s := p.Eps / norm
			for i := range v {
				v[i] = x[i] + float64(s*(v[i]-x[i]))
			}
		}
	}
	if p.Clip {
		for i := range v {
			v[i] = min(max(v[i], 0), 1)
		}
	}
}

// randomStart adds a uniform draw from the ball: independent uniform
// [-Eps, Eps] per pixel for L∞; for L2 a Gaussian direction scaled to
// radius Eps·U^(1/n), which is uniform in the n-ball.
func (p PGD) randomStart(v []float64, r *rand.Rand) {
	if r == nil {
		panic("attack: PGD random start needs a random source")
	}
	switch p.Norm {
	case LInf:
		for i := range v {
			u := float64(r.Float64())
			v[i] += float64(p.Eps * (float64(2*u) - 1))
		}
	default:
		d := make([]float64, len(v))
		norm := 0.0
		for i := range d {
			d[i] = r.NormFloat64()
			norm += float64(d[i] * d[i])
		}
		if norm == 0 {
			return
		}
		s := p.Eps * math.Pow(r.Float64(), 1/float64(len(v))) / math.Sqrt(norm)
		for i := range v {
			v[i] += float64(s * d[i])
		}
	}
}
