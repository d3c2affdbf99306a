package scene

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"noiseball/core/attack"
	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/core/noise"
	"noiseball/core/slice"
	"noiseball/wasm/state"
)

// SliceID is the slice explorer's scene id.
const SliceID = "slice"

// ZooModels are the shipped models, site/assets/models/NAME.safetensors
// (tools/noiseball trains them; a test checks the files exist).
var ZooModels = []string{"cnn-clean", "cnn-gauss0.1", "cnn-gauss0.4", "cnn-pgd-linf0.1", "cnn-pgd-l2-1.0", "linear-clean", "linear-gauss0.4"}

// The slice explorer's sampling: a SliceGrid×SliceGrid grid over
// [-1.2σ√n, 1.2σ√n]², and SliceNoise noisy copies for μ(x, σ).
const (
	SliceGrid  = 64
	SliceNoise = 500
	// MNISTTest is how many test digits the page offers.
	MNISTTest = 10000
)

// UserModel is the model choice that stands for a safetensors file the
// visitor loaded into the page; a link cannot carry the file itself.
const UserModel = "file"

var sliceScene = state.Scene{ID: SliceID, Title: "Slices of input space", Params: []state.Param{
	{Name: "model", Label: "Model", Help: "A model of the shipped zoo, or your own safetensors file (“Load weights”), run in your browser.",
		Kind: state.Choice, Choices: append(ZooModels[:len(ZooModels):len(ZooModels)], UserModel),
		ChoiceLabels: append(ZooModels[:len(ZooModels):len(ZooModels)], "your model"), Default: "cnn-clean"},
	{Name: "image", Label: "Test digit", Help: "Which of the 10,000 MNIST test digits the plane goes through.",
		Kind: state.Integer, Min: 0, Max: MNISTTest - 1, Step: 1, Default: "0"},
	{Name: "sigma", Label: "Noise σ", Help: "The noise scale: the circle has radius σ√784 = 28σ, where noisy copies lie.",
		Kind: state.Number, Min: 0.05, Max: 1, Step: 0.01, Default: "0.3"},
	{Name: "plane", Label: "Plane", Help: "Across toward the nearest error, or along a second random direction: how far the boundary is in typical directions.",
		Kind: state.Choice, Choices: []string{"error", "random"}, ChoiceLabels: []string{"toward the nearest error", "two random directions"}, Default: "error"},
	{Name: "digit", Label: "Your digit", Kind: state.Bits, Bits: PadSide * PadSide, Default: "", Hidden: true},
	seedParam,
}}

// Slice is what the slice job computes for: a model, a test digit, σ and
// the seed of the random direction and the noise.
type Slice struct {
	Model string  `json:"model"`
	Image int     `json:"image"`
	Sigma float64 `json:"sigma"`
	Plane string  `json:"plane"` // "error" or "random"
	Seed  uint64  `json:"seed"`
	// Drawn is a drawing from the digit scene (its digit parameter); when
	// set, the slice goes through it instead of test digit Image.
	Drawn string `json:"digit,omitempty"`
}

// NewSlice reads the job's parameters from s.
func NewSlice(s state.State) Slice {
	return Slice{Model: s.Values["model"], Image: int(s.Float("image")), Sigma: s.Float("sigma"), Plane: s.Values["plane"], Seed: uint64(s.Float("seed")), Drawn: s.Values["digit"]}
}

// SliceResult is the slice of input space through a digit x: the plane
// x + s·U + t·V spanned by the unit direction U to the nearest error found
// (or the loss gradient when none is) and a random Gaussian direction V
// made orthogonal to it, or, for Plane "random", by two random
// directions; the predicted class of each grid cell (row 0 at the top,
// t = Extent), and the numbers of the paper's argument at x.
type SliceResult struct {
	Params   Slice     `json:"params"`
	Label    int       `json:"label"`
	Pred     int       `json:"pred"`
	Found    bool      `json:"found"`
	Distance Float     `json:"nearest_distance"` // ‖Adv - x‖, null if none found
	Adv      []float64 `json:"adversarial,omitempty"`
	InNoise
	Radius  float64   `json:"noise_radius"`
	N       int       `json:"grid"`
	Extent  float64   `json:"extent"`
	U       []float64 `json:"u"`
	V       []float64 `json:"v"`
	Classes []int8    `json:"classes"`
	Margins []float32 `json:"margins"` // top logit minus runner-up`
	Cells   int       `json:"cells_done"`
	// The noisy copies, placed for the overlay (see SliceRun): across,
	// their component toward U; up, the rest of their length, signed by
	// their component along V; and whether the model got them wrong.
	NoiseS     []float32 `json:"noise_s"`
	NoiseT     []float32 `json:"noise_t"`
	NoiseWrong []bool    `json:"noise_wrong"`
}

// SliceRun computes a SliceResult in steps (see package jobs): loading,
// the nearest-error search, the noise samples, then the grid coarse to
// fine.
type SliceRun struct {
	p      Slice
	net    *nn.Network
	x      []float64
	r      *rand.Rand // the noise
	dirs   *rand.Rand // the random directions, apart so both planes see the same noise
	res    SliceResult
	stage  int
	grid   *slice.Grid
	finder attack.Finder // the nearest-error search (attack.Best)
}

// searchWork is what the nearest-error search counts for in Progress: as
// much as the whole grid where it is a search (it takes about as long on
// the cnn), one step where the error is exact (linear models), so that
// the page's time-left estimate holds from the first report.
func (s *SliceRun) searchWork() int {
	if _, exact := s.finder.(attack.Exact); exact {
		return 1
	}
	return SliceGrid * SliceGrid / gridBatch
}

// NewSliceRun prepares a run of the model net on the digit's label and
// pixels (bytes, 255 for 1); a model that does not take the digit is an
// error.
func NewSliceRun(p Slice, net *nn.Network, label int, pixels []byte) (*SliceRun, error) {
	if net.InShape().Size() != len(pixels) {
		return nil, fmt.Errorf("%s takes %d inputs, not a %d-pixel digit", p.Model, net.InShape().Size(), len(pixels))
	}
	x := make([]float64, len(pixels))
	data.BytesToPixels(x, pixels)
	run := &SliceRun{p: p, net: net, x: x, r: NoiseStream(p.Seed, p.Image, p.Drawn != ""),
		dirs: rand.New(rand.NewPCG(p.Seed, uint64(p.Image)|1<<40)), finder: attack.Best(net)}
	pred := []int{0}
	nn.Argmax(pred, net.Logits(x, 1), net.Classes())
	run.res = SliceResult{Params: p, Label: label, Pred: pred[0], N: SliceGrid,
		Radius: slice.NoiseRadius(p.Sigma, len(x)), Distance: Float(math.Inf(1)), InNoise: newInNoise()}
	run.res.Extent = 1.2 * run.res.Radius
	return run, nil
}

// noiseBatch is how many noisy copies one step classifies.
const noiseBatch = 100

// gridBatch is how many cells one step evaluates, in one batch.
const gridBatch = 64

// Step does one bounded piece of work and reports whether all is done.
// The nearest-error search is one step (about two seconds for the cnn
// under wasm).
func (s *SliceRun) Step() bool {
	switch s.stage {
	case 0:
		var a []float64
		if s.res.Pred != s.res.Label {
			s.res.Found, s.res.Distance, s.res.Adv = true, 0, s.x
		} else if f := s.finder.Nearest(s.net, s.x, s.res.Label); f.Found {
			s.res.Found, s.res.Distance, s.res.Adv = true, Float(f.Distance), f.Adv
			a = make([]float64, len(s.x))
			for i := range a {
				a[i] = f.Adv[i] - s.x[i]
			}
		}
		if a == nil || s.res.Distance == 0 {
			a = slice.GradientDirection(s.net, s.x, s.res.Label)
		}
		b := slice.RandomDirection(s.dirs, len(s.x))
		if s.p.Plane == "random" {
			a = slice.RandomDirection(s.dirs, len(s.x))
		}
		plane, err := slice.NewPlane(s.x, a, b)
		if err != nil {
			// A zero gradient: fall back to two random directions.
			plane, _ = slice.NewPlane(s.x, slice.RandomDirection(s.dirs, len(s.x)), b)
		}
		s.res.U, s.res.V = plane.U, plane.V
		s.grid = slice.NewGrid(s.net, plane, SliceGrid, s.res.Extent, gridBatch)
		s.stage++
	case 1:
		if s.noiseStep() {
			s.stage++
		}
	case 2:
		if s.grid.Step() {
			s.stage++
		}
		s.res.Cells, _ = s.grid.Progress()
	}
	return s.stage == 3
}

// noiseStep classifies noiseBatch noisy copies x + δ (drawn from r in
// the order noise.ErrorRate draws them, so μ is the same) and places each
// for the overlay: across, its component ⟨δ, U⟩ toward the plane's first
// direction; up or down (the sign of ⟨δ, V⟩), the rest of its length,
// √(‖δ‖² − ⟨δ, U⟩²). The copies are not in the plane; this keeps their
// distance from x and their approach to the error.
func (s *SliceRun) noiseStep() (done bool) {
	d, n := len(s.x), noiseBatch
	buf := make([]float64, n*d)
	for i := range n {
		noise.Noisy(buf[i*d:(i+1)*d], s.x, s.p.Sigma, s.r)
	}
	pred := make([]int, n)
	nn.Argmax(pred, s.net.Logits(buf, n), s.net.Classes())
	errors := 0
	for i := range n {
		var su, sv, rr float64
		for k, xk := range s.x {
			dk := buf[i*d+k] - xk
			su += dk * s.res.U[k]
			sv += dk * s.res.V[k]
			rr += dk * dk
		}
		t := math.Sqrt(math.Max(rr-su*su, 0))
		if sv < 0 {
			t = -t
		}
		wrong := pred[i] != s.res.Label
		if wrong {
			errors++
		}
		s.res.NoiseS = append(s.res.NoiseS, float32(su))
		s.res.NoiseT = append(s.res.NoiseT, float32(t))
		s.res.NoiseWrong = append(s.res.NoiseWrong, wrong)
	}
	return s.res.add(errors, n, s.p.Sigma)
}

// Progress counts steps: the search (weighted by searchWork),
// SliceNoise/noiseBatch noise steps and the grid's cells in steps of
// gridBatch.
func (s *SliceRun) Progress() (done, total int) {
	search := s.searchWork()
	total = search + SliceNoise/noiseBatch + SliceGrid*SliceGrid/gridBatch
	done = min(s.stage, 1)*search + s.res.Samples/noiseBatch + s.res.Cells/gridBatch
	return done, total
}

// Result returns the slice so far, unevaluated cells filled from the
// nearest coarser evaluated cell (so a partial grid shows the whole
// slice at a lower resolution).
func (s *SliceRun) Result() SliceResult {
	r := s.res
	if s.grid != nil && r.Cells > 0 {
		r.Classes = make([]int8, SliceGrid*SliceGrid)
		r.Margins = make([]float32, SliceGrid*SliceGrid)
		for i := range SliceGrid {
			for j := range SliceGrid {
				r.Classes[i*SliceGrid+j] = int8(s.grid.Class(i, j))
				r.Margins[i*SliceGrid+j] = float32(s.grid.Margin(i, j))
			}
		}
	}
	return r
}

// Point writes x + s·U + t·V, unclipped: the plane's point as
// the model sees it.
func (r *SliceResult) Point(dst []float64, x []float64, s, t float64) {
	for i := range dst {
		dst[i] = x[i] + s*r.U[i] + t*r.V[i]
	}
}

// Summary reads the slice's numbers for the aria-live region. It says
// only what is measured: the search's finding once it ran (a digit the
// model already misreads is its own nearest error), μ and its bound once
// all SliceNoise copies are in (with no bound when none erred).
func (r *SliceResult) Summary() string {
	near := "searching for the nearest error…"
	switch {
	case r.U == nil:
	case r.Pred != r.Label:
		near = fmt.Sprintf("the model already misreads it (as a %d), so the digit is itself an error, at distance 0", r.Pred)
	case r.Found:
		near = "the nearest error found is " + Num(float64(r.Distance)) + " away"
	default:
		near = "no error was found within the search radius"
	}
	model := r.Params.Model
	if model == UserModel {
		model = "your model"
	}
	which := fmt.Sprintf("test digit %d (a %d, predicted %d)", r.Params.Image, r.Label, r.Pred)
	if r.Params.Drawn != "" {
		which = fmt.Sprintf("your digit (read as a %d)", r.Pred)
	}
	noisy := fmt.Sprintf("Error rate in noise at σ = %s: measuring %d noisy copies…", Num(r.Params.Sigma), SliceNoise)
	if r.Samples >= SliceNoise {
		noisy = fmt.Sprintf("Error rate in noise at σ = %s: μ = %s (95%%: %s to %s) from %d noisy copies; %s",
			Num(r.Params.Sigma), Num(float64(r.Mu)), Num(float64(r.MuCI[0])), Num(float64(r.MuCI[1])), r.Samples, r.InNoise.boundPhrase())
	}
	return fmt.Sprintf("%s on %s: %s. %s; the noise has norm σ√n = %s.", model, which, near, noisy, Num(r.Radius))
}

// WriteCSV writes the grid: one row per cell with its plane coordinates
// and predicted class.
func (r *SliceResult) WriteCSV(w io.Writer) error {
	if _, err := fmt.Fprintln(w, "row,col,s,t,class"); err != nil {
		return err
	}
	h := 2 * r.Extent / float64(r.N)
	for i := range r.N {
		for j := range r.N {
			c := -1
			if len(r.Classes) > 0 {
				c = int(r.Classes[i*r.N+j])
			}
			if _, err := fmt.Fprintf(w, "%d,%d,%g,%g,%d\n", i, j, -r.Extent+(float64(j)+0.5)*h, r.Extent-(float64(i)+0.5)*h, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// WriteJSON writes the whole result with its parameters.
func (r *SliceResult) WriteJSON(w io.Writer) error {
	return writeJSON(w, SliceID, r, false)
}
