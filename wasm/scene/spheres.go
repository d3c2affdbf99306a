package scene

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"

	"noiseball/core/nn"
	"noiseball/core/slice"
	"noiseball/core/spheres"
	"noiseball/core/train"
	"noiseball/wasm/state"
)

// SpheresID is the Adversarial Spheres scene's id.
const SpheresID = "spheres"

// SpheresSlice is the side, in cells, of the slice the spheres scene
// shows: the plane through the origin spanned by a point of the inner
// sphere and a random direction, where both spheres are circles.
const SpheresSlice = 64

var spheresScene = state.Scene{ID: SpheresID, Title: "Spheres", Beyond: true, Params: []state.Param{
	{Name: "n", Label: "Dimension n", Help: "The spheres live in n dimensions.",
		Kind: state.Integer, Min: 2, Max: 1000, Step: 1, Log: true, Default: "100"},
	{Name: "R", Label: "Outer radius R", Help: "Class 0 is the sphere of radius 1, class 1 the sphere of radius R.",
		Kind: state.Number, Min: 1.05, Max: 3, Step: 0.01, Default: "1.3"},
	{Name: "width", Label: "Hidden units", Help: "Units in each of the network's two ReLU layers.",
		Kind: state.Integer, Min: 2, Max: 256, Step: 1, Default: "100"},
	{Name: "train", Label: "Training points", Help: "Points drawn on the two spheres to train on.",
		Kind: state.Integer, Min: 1000, Max: 200000, Step: 1, Log: true, Default: "20000"},
	{Name: "epochs", Label: "Training passes", Help: "Passes over the training points.",
		Kind: state.Integer, Min: 1, Max: 20, Step: 1, Default: "2"},
	seedParam,
}}

// Spheres is one run of the scene: the network, its training and the
// measurement (the job's parameters).
type Spheres struct {
	N      int     `json:"n"`
	R      float64 `json:"R"`
	Width  int     `json:"width"`
	Train  int     `json:"train"`
	Epochs int     `json:"epochs"`
	Seed   uint64  `json:"seed"`
}

// Apply reads the scene's parameters.
func (p *Spheres) Apply(s state.State) {
	*p = Spheres{N: int(s.Float("n")), R: s.Float("R"), Width: int(s.Float("width")), Train: int(s.Float("train")),
		Epochs: int(s.Float("epochs")), Seed: uint64(s.Float("seed"))}
}

// Validate reports parameters a job cannot run with.
func (p Spheres) Validate() error {
	if p.N < 2 || p.N > 1000 || !(p.R > 1 && p.R <= 3) || p.Width < 2 || p.Width > 256 || p.Train < 1000 || p.Train > 200000 || p.Epochs < 1 || p.Epochs > 20 {
		return fmt.Errorf("a spheres run needs 2 ≤ n ≤ 1000, 1 < R ≤ 3, 2 to 256 hidden units, 1,000 to 200,000 points and 1 to 20 passes, not %+v", p)
	}
	return nil
}

// recipe is the training recipe of the run: the engine's defaults
// (Adam, 1e-3, cosine, batch 64) for Epochs passes.
func (p Spheres) recipe() train.Recipe {
	r := train.Defaults("clean")
	r.Epochs, r.Seed = p.Epochs, p.Seed
	return r
}

// flops is one forward pass of the network, multiply-adds counted twice.
func (p Spheres) flops() float64 {
	w := float64(p.Width)
	return 2 * (float64(p.N)*w + w*w + 2*w)
}

// Estimate returns the seconds the run should take on one worker
// computing at speed sp (Speed.SmallFLOPS):
// training (a forward and a backward pass, three forward passes' worth,
// per point and pass), classifying the measurement's points, the
// searches and the slice.
func (p Spheres) Estimate(sp Speed) float64 {
	s := spheres.DefaultSettings.Search
	searchPasses := float64(s.Bisections*s.Steps+s.LineSteps+50) * 3
	total := p.flops() * (3*float64(p.Train*p.Epochs) + float64(spheres.DefaultSettings.Samples) +
		float64(spheres.DefaultSettings.Points)*searchPasses + SpheresSlice*SpheresSlice)
	return total / sp.SmallFLOPS
}

// SpheresResult is what a spheres job reports, partly while it runs.
type SpheresResult struct {
	Phase    string  `json:"phase"` // "training", "slicing", "measuring" or "done"
	Loss     float64 `json:"loss"`
	Accuracy float64 `json:"accuracy"`
	// Slice holds the class read on the SpheresSlice² grid over the
	// square of half-width Half about the origin (row 0 on top), once
	// trained.
	Slice []uint8 `json:"slice,omitempty"`
	Half  float64 `json:"half"`
	// The measurement on the inner sphere, once done (see spheres.Result).
	Samples   int        `json:"samples"`
	Errors    int        `json:"errors"`
	Mu        float64    `json:"mu"`
	MuCI      [2]float64 `json:"mu_ci95"`
	Distances []Float    `json:"distances"`
	Mean      Float      `json:"mean_distance"`
	MeanCI    [2]Float   `json:"mean_distance_ci95"`
	Bound     Float      `json:"bound"`
}

// SpheresRun is a spheres.Run with the slice the page draws, taken
// between training and measuring: a training batch, a row of the slice
// or a step of the measurement a step.
type SpheresRun struct {
	p     Spheres
	run   *spheres.Run
	plane slice.Plane
	res   SpheresResult
	row   int
}

// NewSpheresRun draws the training points and sets the run up, as
// `noiseball spheres` does for the same settings.
func NewSpheresRun(p Spheres) (*SpheresRun, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	m := spheres.DefaultSettings
	m.Seed = p.Seed
	run, err := spheres.NewRun(spheres.Config{N: p.N, R: p.R, Hidden: []int{p.Width, p.Width}, Points: p.Train, Recipe: p.recipe(), Measure: m})
	if err != nil {
		return nil, err
	}
	// The slice's plane: through the centre, along a random point x of
	// the inner sphere and a random direction.
	r := rand.New(rand.NewPCG(p.Seed, 0x736c6963))
	x := slice.RandomDirection(r, p.N)
	plane, err := slice.NewPlane(make([]float64, p.N), x, slice.RandomDirection(r, p.N))
	if err != nil {
		return nil, err
	}
	sr := &SpheresRun{p: p, run: run, plane: plane}
	sr.res = SpheresResult{Phase: "training", Half: 1.25 * p.R}
	return sr, nil
}

// Progress counts the run's work and the slice's rows, a row weighing
// as much as classifying its points.
func (r *SpheresRun) Progress() (done, total int) {
	d, t := r.run.Progress()
	return d + r.row*SpheresSlice, t + SpheresSlice*SpheresSlice
}

// Step takes one step and reports whether the run is complete.
func (r *SpheresRun) Step() bool {
	switch {
	case !r.run.Train.Done():
		r.run.Step()
		st := r.run.Train.State()
		r.res.Loss, r.res.Accuracy = st.Loss, st.Accuracy
		if r.run.Train.Done() {
			r.res.Phase = "slicing"
			r.res.Slice = make([]uint8, SpheresSlice*SpheresSlice)
		}
	case r.row < SpheresSlice:
		x := make([]float64, SpheresSlice*r.p.N)
		t := r.res.Half - (float64(r.row)+0.5)/SpheresSlice*2*r.res.Half
		for i := range SpheresSlice {
			r.plane.Point(x[i*r.p.N:(i+1)*r.p.N], -r.res.Half+(float64(i)+0.5)/SpheresSlice*2*r.res.Half, t)
		}
		cls := make([]int, SpheresSlice)
		nn.Argmax(cls, r.run.Net.Logits(x, SpheresSlice), 2)
		for i, c := range cls {
			r.res.Slice[r.row*SpheresSlice+i] = uint8(c)
		}
		if r.row++; r.row == SpheresSlice {
			r.res.Phase = "measuring"
		}
	default:
		if !r.run.Step() {
			return false
		}
		m := r.run.Meter.Result()
		r.res.Phase, r.res.Samples, r.res.Errors, r.res.Mu, r.res.MuCI = "done", m.Samples, m.Errors, m.Mu, ci(m.MuCI)
		r.res.Distances = r.res.Distances[:0]
		for _, d := range m.Distances {
			r.res.Distances = append(r.res.Distances, Float(d))
		}
		r.res.Mean, r.res.MeanCI, r.res.Bound = Float(m.Mean), [2]Float{Float(m.MeanCI.Lo), Float(m.MeanCI.Hi)}, Float(m.Bound)
		return true
	}
	return false
}

// Result returns the result so far.
func (r *SpheresRun) Result() SpheresResult {
	res := r.res
	res.Slice = append([]uint8(nil), r.res.Slice...)
	res.Distances = append([]Float(nil), r.res.Distances...)
	return res
}

// SpheresView is what the page shows: the run's parameters and its
// latest result.
type SpheresView struct {
	P   Spheres
	Res *SpheresResult
}

// Summary reads the result in words.
func (v *SpheresView) Summary() string {
	r := v.Res
	switch {
	case r == nil:
		return fmt.Sprintf("Training a ReLU network on the spheres of radius 1 and %s in %d dimensions…", Num(v.P.R), v.P.N)
	case r.Phase != "done":
		return fmt.Sprintf("%s: last training pass's loss %s, accuracy %s.", r.Phase, Num(r.Loss), Num(r.Accuracy))
	}
	s := fmt.Sprintf("In %d dimensions the network errs on a share μ = %s of the inner sphere (95%%: %s to %s, from %d uniform points). ",
		v.P.N, Num(r.Mu), Num(r.MuCI[0]), Num(r.MuCI[1]), r.Samples)
	if r.Errors == 0 {
		return s + "No sampled point erred, so no finite bound follows."
	}
	return s + fmt.Sprintf("From %d correctly read points of that sphere, the nearest error on it is on average %s away (95%%: %s to %s); no error set of that measure can lie farther on average than a spherical cap: %s (ratio %s).",
		len(r.Distances), Num(float64(r.Mean)), Num(float64(r.MeanCI[0])), Num(float64(r.MeanCI[1])), Num(float64(r.Bound)), Num(float64(r.Mean)/float64(r.Bound)))
}

// WriteJSON writes the parameters and the result.
func (v *SpheresView) WriteJSON(w io.Writer) error {
	return writeJSON(w, SpheresID, struct {
		Spheres
		SpheresResult
	}{v.P, *v.Res}, true)
}

// WriteCSV writes the nearest-error distances, one a row.
func (v *SpheresView) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"point", "nearest_error_on_sphere"})
	for i, d := range v.Res.Distances {
		cw.Write([]string{strconv.Itoa(i), csvNumber(float64(d), false)})
	}
	cw.Flush()
	return cw.Error()
}
