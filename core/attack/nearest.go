package attack

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"noiseball/core/nn"
)

// Result is a found error near a clean point x: Adv is misclassified and
// Distance = ‖Adv - x‖₂. Distances from searches are upper bounds on the
// true distance to the nearest error; Found is false (and Distance +Inf)
// when no error was found within the search radius.
type Result struct {
	Distance float64
	Adv      []float64
	Found    bool
	Method   string
}

// Finder finds an error near x, whose true class is y, for model m. Every
// nearest-error method of this package is one, a type named for its
// method whose fields are its settings: Exact (linear models), DeepFool,
// AuthorsPGD (the paper's protocol) and Search (the tightest for any
// model).
type Finder interface {
	Nearest(m nn.Model, x []float64, y int) Result
}

// Exact is LinearNearest as a Finder. Its model must be a linear
// *nn.Network; anything else is a caller bug and panics.
type Exact struct{}

// Nearest returns the exact nearest error of a linear model.
func (Exact) Nearest(m nn.Model, x []float64, y int) Result {
	net, ok := m.(*nn.Network)
	if !ok {
		panic("attack: Exact needs an *nn.Network")
	}
	r, err := LinearNearest(net, x, y)
	if err != nil {
		panic(err.Error())
	}
	return r
}

// DeepFool is Moosavi-Dezfooli et al.'s minimal-perturbation attack as
// a Finder: at most MaxIter linearization steps, the move scaled by
// 1 + Overshoot (see deepFool).
type DeepFool struct {
	MaxIter   int
	Overshoot float64
}

// Nearest runs DeepFool from x.
func (d DeepFool) Nearest(m nn.Model, x []float64, y int) Result {
	adv := deepFool(m, x, y, d.MaxIter, d.Overshoot)
	if adv == nil {
		return Result{Distance: math.Inf(1), Method: "deepfool"}
	}
	return Result{Distance: dist(adv, x), Adv: adv, Found: true, Method: "deepfool"}
}

// Loss selects what a gradient search ascends.
type Loss int

const (
	// CrossEntropy ascends the softmax cross-entropy of the true class,
	// as the paper's authors do.
	CrossEntropy Loss = iota
	// Margin ascends max_{j≠y} z_j - z_y, the logit margin (Carlini and
	// Wagner's loss), whose gradient points at the nearest rival class.
	Margin
)

// misclassified reports whether the model's top class for x is not y.
func misclassified(m nn.Model, x []float64, y int) bool {
	return top(m.Logits(x, 1)) != y
}

// top returns the index of the largest logit (ties to the lower index).
func top(z []float64) int {
	pred := []int{0}
	nn.Argmax(pred, z, len(z))
	return pred[0]
}

// lossGradient returns the gradient of the chosen loss for logits z, the
// model's last Logits call on one example.
func lossGradient(m nn.Model, z []float64, y int, loss Loss, dl []float64) []float64 {
	switch loss {
	case Margin:
		clear(dl)
		rival := -1
		for j, v := range z {
			if j != y && (rival < 0 || v > z[rival]) {
				rival = j
			}
		}
		dl[rival], dl[y] = 1, -1
	default:
		nn.CrossEntropy(dl, z, []int{y}, len(z), 1)
	}
	return m.InputGradient(dl)
}

// walkL2 runs untargeted L2 PGD from x with early stop: at most steps
// moves of length step along the normalized gradient, each followed by a
// projection onto the ball of radius eps around x (and then, for sphere
// > 0, onto that sphere). It returns the first misclassified iterate, or
// nil.
func walkL2(m nn.Model, x []float64, y int, eps, step float64, steps int, loss Loss, sphere float64) []float64 {
	p := PGD{Norm: L2, Eps: eps, Step: step}
	v := append([]float64(nil), x...)
	dl := make([]float64, m.Classes())
	// One forward pass per iterate serves both the early-stop test and
	// the gradient.
	for range steps {
		z := m.Logits(v, 1)
		if top(z) != y {
			return v
		}
		p.ascend(v, lossGradient(m, z, y, loss, dl))
		p.project(v, x)
		toSphere(v, sphere)
	}
	if misclassified(m, v, y) {
		return v
	}
	return nil
}

// toSphere scales v onto the sphere of radius r about the origin; r ≤ 0
// leaves it as it is.
func toSphere(v []float64, r float64) {
	if r <= 0 {
		return
	}
	norm := 0.0
	for _, e := range v {
		norm += float64(e * e)
	}
	if norm == 0 {
		return
	}
	k := r / math.Sqrt(norm)
	for i := range v {
		v[i] *= k
	}
}

func dist(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		d := a[i] - b[i]
		s += float64(d * d)
	}
	return math.Sqrt(s)
}

// AuthorsPGD is the paper's protocol for the nearest error as a Finder:
// L2 PGD on the cross-entropy, 200 steps of Eps/150 along the normalized
// gradient, projected onto the ball of radius Eps, no random start,
// stopped at the first misclassification; the distance is ‖x_adv - x‖.
type AuthorsPGD struct{ Eps float64 }

// Nearest runs the authors' PGD from x.
func (p AuthorsPGD) Nearest(m nn.Model, x []float64, y int) Result {
	checkInput(m, x, y)
	eps := p.Eps
	adv := walkL2(m, x, y, eps, eps/150, 200, CrossEntropy, 0)
	if adv == nil {
		return Result{Distance: math.Inf(1), Method: "pgd200"}
	}
	return Result{Distance: dist(adv, x), Adv: adv, Found: true, Method: "pgd200"}
}

// Search finds a close error for any model, tighter than one PGD run: it
// takes DeepFool's error and PGD's at radius MaxEps, then binary-searches
// the radius (each probe a PGD run stopped at the first error); every
// error found is pulled back to the decision boundary by a line search
// from x along its direction, and the closest is kept.
type Search struct {
	MaxEps     float64 // largest radius tried, pixel units
	Steps      int     // PGD steps per probe, of length 2.5·eps/Steps
	Bisections int     // probes of the radius binary search
	LineSteps  int     // bisection steps of the final line search
	Loss       Loss
	// Sphere, when positive, keeps the search on the sphere of that
	// radius about the origin, where x must lie: every iterate is
	// projected onto it, and the line search walks the great circle
	// from x. The distance reported is still the chord ‖adv − x‖.
	// Adversarial Spheres measures errors on its spheres this way.
	Sphere float64
}

// DefaultSearch is the search the tools use: up to radius 10 (an MNIST
// image has norm about 9), 100 margin-loss steps per probe, 12 radius
// probes and 30 line-search steps.
var DefaultSearch = Search{MaxEps: 10, Steps: 100, Bisections: 12, LineSteps: 30, Loss: Margin}

// FastSearch is the search for measurements over many points (the
// paper's Figs. 2 and 4): 50 steps per probe, 6 radius probes and 20
// line-search steps, about a quarter of DefaultSearch's cost, for
// distances a few percent longer.
var FastSearch = Search{MaxEps: 10, Steps: 50, Bisections: 6, LineSteps: 20, Loss: Margin}

// Best returns the tightest Finder for net: Exact when it is a linear
// model (softmax regression), DefaultSearch otherwise. The command-line
// tool's default and the page's slices both use it, so they report the
// same distances.
func Best(net *nn.Network) Finder {
	if isLinear(net) {
		return Exact{}
	}
	return DefaultSearch
}

// Fast returns the Finder for measurements over many points: Exact for a
// linear model, FastSearch otherwise. `noiseball reproduce` and the
// page's distance-against-the-bound scene use it.
func Fast(net *nn.Network) Finder {
	if isLinear(net) {
		return Exact{}
	}
	return FastSearch
}

func isLinear(net *nn.Network) bool {
	_, err := LinearNearest(net, make([]float64, net.InShape().Size()), 0)
	return err == nil
}

// Nearest returns the closest error the search finds from x, whose true
// class is y. DeepFool's candidate makes it exact for linear models.
func (s Search) Nearest(m nn.Model, x []float64, y int) Result {
	checkInput(m, x, y)
	probe := func(eps float64) []float64 {
		return walkL2(m, x, y, eps, 2.5*eps/float64(s.Steps), s.Steps, s.Loss, s.Sphere)
	}
	// Line search along x → p for the boundary: the point at t in (0, 1]
	// closest to x that is still misclassified (p itself is); on a sphere
	// the chord's points are scaled onto it, which walks the great circle.
	v := make([]float64, len(x))
	boundary := func(p []float64) []float64 {
		at := func(t float64) []float64 {
			for i := range v {
				v[i] = x[i] + float64(t*(p[i]-x[i]))
			}
			toSphere(v, s.Sphere)
			return v
		}
		a, b := 0.0, 1.0
		for range s.LineSteps {
			mid := (a + b) / 2
			if misclassified(m, at(mid), y) {
				b = mid
			} else {
				a = mid
			}
		}
		return append([]float64(nil), at(b)...)
	}
	var best []float64
	if df := deepFool(m, x, y, 50, 0.02); df != nil {
		if toSphere(df, s.Sphere); misclassified(m, df, y) {
			best = boundary(df)
		}
	}
	if adv := probe(s.MaxEps); adv != nil {
		if adv = boundary(adv); best == nil || dist(adv, x) < dist(best, x) {
			best = adv
		}
	}
	if best == nil {
		return Result{Distance: math.Inf(1), Method: "search"}
	}
	lo, hi := 0.0, dist(best, x)
	for range s.Bisections {
		if hi == 0 {
			break
		}
		mid := (lo + hi) / 2
		if adv := probe(mid); adv != nil {
			if adv = boundary(adv); dist(adv, x) < hi {
				best, hi = adv, dist(adv, x)
			}
		} else {
			lo = mid
		}
	}
	adv := best
	return Result{Distance: dist(adv, x), Adv: adv, Found: true, Method: "search"}
}

// deepFool runs Moosavi-Dezfooli et al.'s minimal-perturbation attack
// (multi-class, L2) from x: at each step it linearizes every rival margin
// f_j = z_j - z_y around the current point v, moves to the nearest of the
// linearized boundaries, v += |f_j|/‖∇f_j‖² · ∇f_j, and stops once v is
// misclassified. The total move is scaled by 1 + overshoot to cross the
// boundary. It returns nil if maxIter steps do not find an error. For a
// linear model one step lands on the nearest boundary exactly.
func deepFool(m nn.Model, x []float64, y int, maxIter int, overshoot float64) []float64 {
	checkInput(m, x, y)
	k := m.Classes()
	v := append([]float64(nil), x...)
	total := make([]float64, len(x))
	dl := make([]float64, k)
	gy := make([]float64, len(x))
	rivals := topRivals(m.Logits(x, 1), y, deepFoolRivals)
	for range maxIter {
		z := append([]float64(nil), m.Logits(v, 1)...)
		if top(z) != y {
			return v
		}
		// ∇z_y once, then ∇z_j for each rival against the same forward pass.
		clear(dl)
		dl[y] = 1
		copy(gy, m.InputGradient(dl))
		bestStep, bestJ := math.Inf(1), -1
		var bestG []float64
		for _, j := range rivals {
			clear(dl)
			dl[j] = 1
			gj := m.InputGradient(dl)
			norm := 0.0
			for i := range gj {
				d := gj[i] - gy[i]
				norm += float64(d * d)
			}
			if norm == 0 {
				continue
			}
			if step := math.Abs(z[j]-z[y]) / math.Sqrt(norm); step < bestStep {
				bestStep, bestJ = step, j
				bestG = bestG[:0]
				for i := range gj {
					bestG = append(bestG, gj[i]-gy[i])
				}
			}
		}
		if bestJ < 0 {
			return nil
		}
		norm2 := 0.0
		for _, g := range bestG {
			norm2 += float64(g * g)
		}
		c := (math.Abs(z[bestJ]-z[y]) + 1e-12) / norm2
		for i := range v {
			total[i] += float64(c * bestG[i])
			v[i] = x[i] + float64((1+overshoot)*total[i])
		}
	}
	if misclassified(m, v, y) {
		return v
	}
	return nil
}

// deepFoolRivals is how many rival classes DeepFool linearizes: the
// highest-scoring at x, as Moosavi-Dezfooli et al. do for ImageNet, so a
// model with thousands of classes costs ten gradients a step, not
// thousands. A 10-class model's nine rivals are all of them.
const deepFoolRivals = 10

// topRivals returns, in increasing order, the (at most n) classes other
// than y with the highest logits z.
func topRivals(z []float64, y, n int) []int {
	var r []int
	for j := range z {
		if j != y {
			r = append(r, j)
		}
	}
	if len(r) > n {
		slices.SortStableFunc(r, func(a, b int) int { return cmp.Compare(z[b], z[a]) })
		r = r[:n]
		slices.Sort(r)
	}
	return r
}

// LinearNearest returns the exact nearest error of a linear model
// (softmax regression: an optional flatten and one linear layer). The
// region of class y is the intersection of the half-spaces z_y ≥ z_j, so
// its complement is their union and the distance to it is
//
//	min_{j≠y} max(0, z_y - z_j) / ‖w_y - w_j‖,
//
// reached at x + t·(w_j - w_y) with t = (z_y - z_j)/‖w_y - w_j‖²; Adv is
// that point nudged across the boundary by 1e-9 of the distance. It
// returns an error for a model that is not linear.
func LinearNearest(net *nn.Network, x []float64, y int) (Result, error) {
	checkInput(net, x, y)
	fc, err := net.SoftmaxRegression()
	if err != nil {
		return Result{}, err
	}
	w := fc.Params()[0].W
	n, k := len(x), net.Classes()
	z := net.Logits(x, 1)
	bestD, bestJ, bestNorm := math.Inf(1), -1, 0.0
	for j := range k {
		if j == y {
			continue
		}
		norm := 0.0
		for i := range n {
			d := w[j*n+i] - w[y*n+i]
			norm += float64(d * d)
		}
		if norm == 0 {
			continue
		}
		d := math.Max(0, z[y]-z[j]) / math.Sqrt(norm)
		if d < bestD {
			bestD, bestJ, bestNorm = d, j, norm
		}
	}
	if bestJ < 0 {
		return Result{Distance: math.Inf(1), Method: "exact"}, nil
	}
	t := math.Max(0, z[y]-z[bestJ]) / bestNorm * (1 + 1e-9)
	adv := make([]float64, n)
	for i := range adv {
		adv[i] = x[i] + float64(t*(w[bestJ*n+i]-w[y*n+i]))
	}
	return Result{Distance: bestD, Adv: adv, Found: true, Method: "exact"}, nil
}

func checkInput(m nn.Model, x []float64, y int) {
	if len(x) != m.InShape().Size() || y < 0 || y >= m.Classes() {
		panic(fmt.Sprintf("attack: input of %d values with label %d for a model of %v inputs and %d classes",
			len(x), y, m.InShape(), m.Classes()))
	}
}
