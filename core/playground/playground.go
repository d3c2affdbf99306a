// Package playground is the paper's argument in the plane, where every
// quantity can be computed exactly: a toy data set (two moons, circles,
// spirals, blobs), a small ReLU network trained on it with the engine's
// trainer (clean, with Gaussian augmentation or adversarially), the
// network's decision regions on a grid, and, at a point x, the error
// rate in noise μ = P[f(x + δ) ≠ f(x)], δ ~ N(0, σ²I), integrated
// exactly over the grid's cells (region.Mask.GaussianMass) and sampled,
// the nearest error d(x) on the grid, the median distance from noisy
// points to the errors, and the Gaussian isoperimetric bound −σΦ⁻¹(μ)
// on that median (Ford et al., ICML 2019, Sec. 3).
//
// In two dimensions the noise is not far away (its radius is σ√2, not
// σ√n), so the bound is seldom tight: it is tight only for a
// half-plane, and a boundary curved around x keeps the noisy points
// much closer to the errors than a half-plane of the same mass would.
package playground

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/core/region"
	"noiseball/core/stats"
	"noiseball/core/train"
)

// Datasets names the toy sets, in the order the page offers them.
var Datasets = []string{"moons", "circles", "spiral", "blobs"}

// SetSize is the number of training points drawn.
const SetSize = 400

// The reading's defaults, the page's and the CLI's: the grid its error
// set is integrated over (cells a side) and the noisy copies that check
// μ by sampling.
const (
	ReadGrid    = 192
	ReadSamples = 2000
)

// Dataset returns the toy set name, SetSize points drawn with seed: two
// moons (noise 0.1), two circles (radii 1 and 0.5, noise 0.08), a
// two-arm spiral (noise 0.15) or three blobs (std 0.5). An unknown name
// is an error.
func Dataset(name string, seed uint64) (*data.Set, error) {
	r := rand.New(rand.NewPCG(seed, 0x706c6179))
	switch name {
	case "moons":
		return data.TwoMoons(r, SetSize, 0.1), nil
	case "circles":
		return data.Circles(r, SetSize, 0.08, 0.5), nil
	case "spiral":
		return data.Spiral(r, SetSize, 2, 0.15), nil
	case "blobs":
		return data.Blobs(r, SetSize, [][2]float64{{-1, -0.6}, {1, -0.6}, {0, 1}}, 0.5), nil
	}
	return nil, fmt.Errorf("playground: no data set %q; want one of %v", name, Datasets)
}

// Box is the square of the plane that the page draws and the grid
// covers: centre (X, Y), half-width Half.
type Box struct{ X, Y, Half float64 }

// BoxOf returns a square around the set's points: centred on the middle
// of their extent, 1.3 times their largest distance from it along an
// axis, so every point is inside with a margin.
func BoxOf(s *data.Set) Box {
	lo := [2]float64{math.Inf(1), math.Inf(1)}
	hi := [2]float64{math.Inf(-1), math.Inf(-1)}
	for i := range s.N {
		for k := range 2 {
			v := s.Values[2*i+k]
			lo[k], hi[k] = math.Min(lo[k], v), math.Max(hi[k], v)
		}
	}
	b := Box{X: (lo[0] + hi[0]) / 2, Y: (lo[1] + hi[1]) / 2}
	b.Half = 1.3 * math.Max(hi[0]-lo[0], hi[1]-lo[1]) / 2
	return b
}

// Config is one training run.
type Config struct {
	Data   string
	Hidden []int        // ReLU layer sizes
	Recipe train.Recipe // Method clean, gauss (Sigma) or pgd (Norm, Eps, Steps…); Epochs; Seed
}

// Recipe returns the playground's training recipe for method: Adam at
// 0.01 with a cosine schedule, batches of 20 (20 a pass over the set),
// epochs passes; gauss adds noise of std sigma to every training point,
// pgd trains on 5-step L2 PGD points within eps.
func Recipe(method string, epochs int, sigma, eps float64, seed uint64) train.Recipe {
	r := train.Defaults(method)
	r.Epochs, r.Batch, r.LR, r.Seed = epochs, 20, 0.01, seed
	switch method {
	case "gauss":
		r.Sigma = sigma
	case "pgd":
		r.Norm, r.Eps, r.Steps, r.StepSize, r.RandomStart = "l2", eps, 5, 2.5*eps/5, true
	}
	return r
}

// Run is a network in training on a toy set.
type Run struct {
	Set *data.Set
	Net *nn.Network
	Box Box
	*train.Trainer
}

// New returns the run cfg describes, before its first step: a bad data
// set, architecture or recipe is an error.
func New(cfg Config) (*Run, error) {
	set, err := Dataset(cfg.Data, cfg.Recipe.Seed)
	if err != nil {
		return nil, err
	}
	in := nn.Shape{C: 2, H: 1, W: 1}
	net, err := nn.New(in, nn.MLPArch(in, cfg.Hidden, set.Classes), rand.New(rand.NewPCG(cfg.Recipe.Seed, 0x696e6974)))
	if err != nil {
		return nil, err
	}
	tr, err := train.New(net, set, cfg.Recipe)
	if err != nil {
		return nil, err
	}
	return &Run{Set: set, Net: net, Box: BoxOf(set), Trainer: tr}, nil
}

// Grid is the network's decision regions on a W×W grid of square cells
// over a Box: Class[j·W + i] is the class read at the centre of cell
// (i, j), whose lower-left corner is (X0 + i·Cell, Y0 + j·Cell).
type Grid struct {
	X0, Y0, Cell float64
	W            int
	Class        []int
}

// Regions classifies the centres of a w×w grid over the run's box.
func (r *Run) Regions(w int) Grid {
	if w < 2 {
		panic(fmt.Sprintf("playground: a grid of %d cells a side", w))
	}
	g := Grid{X0: r.Box.X - r.Box.Half, Y0: r.Box.Y - r.Box.Half, Cell: 2 * r.Box.Half / float64(w), W: w, Class: make([]int, w*w)}
	x := make([]float64, 2*w)
	for j := range w {
		for i := range w {
			x[2*i] = g.X0 + float64((float64(i)+0.5)*g.Cell)
			x[2*i+1] = g.Y0 + float64((float64(j)+0.5)*g.Cell)
		}
		nn.Argmax(g.Class[j*w:(j+1)*w], r.Net.Logits(x, w), r.Set.Classes)
	}
	return g
}

// Reading is what the playground reads out at a point x.
type Reading struct {
	Class     int            // the network's class at x
	Mu        float64        // μ integrated over the grid's error cells (exact for the grid)
	MuSampled float64        // μ from Samples noisy copies classified by the network itself
	MuCI      stats.Interval // Wilson 95% interval of MuSampled
	Samples   int
	Nearest   float64 // distance from x to the nearest error cell (+Inf if none)
	Median    float64 // median distance from the noisy copies to the error cells
	Bound     float64 // −σΦ⁻¹(μ): the isoperimetric bound on Median (0 for μ ≥ 1/2, +Inf for μ = 0)
}

// Read measures the run's network at p under noise σ: the error set is
// every cell of g read as another class than p, so its Gaussian mass and
// distances are exact for the grid; the sampled μ, from samples noisy
// copies drawn with seed, checks the grid against the network.
func (r *Run) Read(g Grid, p region.Point, sigma float64, samples int, seed uint64) Reading {
	if !(sigma > 0) || samples < 1 {
		panic(fmt.Sprintf("playground: a reading with sigma %v and %d samples", sigma, samples))
	}
	var rd Reading
	z := r.Net.Logits([]float64{p.X, p.Y}, 1)
	cls := make([]int, 1)
	nn.Argmax(cls, z, r.Set.Classes)
	rd.Class = cls[0]
	bits := make([]bool, len(g.Class))
	for k, c := range g.Class {
		bits[k] = c != rd.Class
	}
	mask := region.NewMask(g.X0, g.Y0, g.Cell, g.W, g.W, bits)
	rd.Mu = mask.GaussianMass(p, sigma)
	errs := slices.Contains(bits, true)
	distTo := func(q region.Point) float64 {
		if !errs {
			return math.Inf(1) // the network reads one class on the whole grid
		}
		return mask.Dist(q)
	}
	rd.Nearest = distTo(p)
	rng := rand.New(rand.NewPCG(seed, 0x6e6f6973))
	x := make([]float64, 2*samples)
	dist := make([]float64, samples)
	for k := range samples {
		q := region.Point{X: p.X + float64(sigma*rng.NormFloat64()), Y: p.Y + float64(sigma*rng.NormFloat64())}
		x[2*k], x[2*k+1] = q.X, q.Y
		dist[k] = distTo(q)
	}
	pred := make([]int, samples)
	nn.Argmax(pred, r.Net.Logits(x, samples), r.Set.Classes)
	wrong := 0
	for _, c := range pred {
		if c != rd.Class {
			wrong++
		}
	}
	rd.Samples = samples
	rd.MuSampled = float64(wrong) / float64(samples)
	rd.MuCI = stats.Wilson(wrong, samples, 0.95)
	rd.Median = stats.Median(dist)
	rd.Bound = stats.MedianBound(rd.Mu, sigma)
	return rd
}

// Record is a reading with the settings it was made with, as the page
// exports it (JSON) and `noiseball playground` prints it; non-finite
// distances are written as null.
type Record struct {
	Data      string     `json:"data"`
	Train     string     `json:"train"`
	Hidden    []int      `json:"hidden"`
	Epochs    int        `json:"epochs"`
	Seed      uint64     `json:"seed"`
	X         float64    `json:"x"`
	Y         float64    `json:"y"`
	Sigma     float64    `json:"sigma"`
	Class     int        `json:"class"`
	Mu        float64    `json:"mu"`
	MuSampled float64    `json:"mu_sampled"`
	MuCI      [2]float64 `json:"mu_sampled_ci95"`
	Nearest   *float64   `json:"nearest_error"`
	Median    *float64   `json:"median_noisy_distance"`
	Bound     *float64   `json:"bound"`
	GridCells int        `json:"grid_cells_a_side"`
	GridCell  float64    `json:"grid_cell"`
}

// NewRecord returns the record of reading rd, made at p with noise σ on
// grid g by a run of cfg.
func NewRecord(cfg Config, p region.Point, sigma float64, g Grid, rd Reading) Record {
	finite := func(x float64) *float64 {
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return nil
		}
		return &x
	}
	return Record{Data: cfg.Data, Train: cfg.Recipe.Method, Hidden: cfg.Hidden, Epochs: cfg.Recipe.Epochs, Seed: cfg.Recipe.Seed,
		X: p.X, Y: p.Y, Sigma: sigma, Class: rd.Class, Mu: rd.Mu, MuSampled: rd.MuSampled, MuCI: [2]float64{rd.MuCI.Lo, rd.MuCI.Hi},
		Nearest: finite(rd.Nearest), Median: finite(rd.Median), Bound: finite(rd.Bound), GridCells: g.W, GridCell: g.Cell}
}
