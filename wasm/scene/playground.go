package scene

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"noiseball/core/playground"
	"noiseball/core/region"
	"noiseball/wasm/state"
)

// PlaygroundID is the two-dimensional playground's scene id.
const PlaygroundID = "playground"

// TrainingGrid is the playground's regions while the network trains
// (cells a side); once trained it reads on playground.ReadGrid.
const TrainingGrid = 96

var playgroundScene = state.Scene{ID: PlaygroundID, Title: "Playground", Beyond: true, Params: []state.Param{
	{Name: "data", Label: "Data", Help: "The training set: 400 points of a toy problem in the plane.",
		Kind: state.Choice, Choices: playground.Datasets, ChoiceLabels: []string{"two moons", "two circles", "two spirals", "three blobs"}, Default: "moons"},
	{Name: "train", Label: "Training", Help: "Clean; with Gaussian noise added to every training point; or on L2 PGD points (adversarial training).",
		Kind: state.Choice, Choices: []string{"clean", "gauss", "pgd"}, ChoiceLabels: []string{"clean", "Gaussian augmentation", "adversarial (L2 PGD)"}, Default: "clean"},
	{Name: "tsigma", Label: "Augmentation σ", Help: "The noise added to the training points.",
		Kind: state.Number, Min: 0.05, Max: 1, Step: 0.01, Default: "0.3"},
	{Name: "eps", Label: "PGD radius ε", Help: "How far adversarial training moves each training point.",
		Kind: state.Number, Min: 0.05, Max: 1, Step: 0.01, Default: "0.3"},
	{Name: "width", Label: "Hidden units", Help: "Units in each of the network's two ReLU layers.",
		Kind: state.Integer, Min: 2, Max: 64, Step: 1, Default: "16"},
	{Name: "epochs", Label: "Training passes", Help: "Passes over the 400 points (20 steps each), trained live.",
		Kind: state.Integer, Min: 1, Max: 200, Step: 1, Default: "40"},
	{Name: "x", Label: "Point x: across", Help: "Where the noise is centred; click the plane to move it.",
		Kind: state.Number, Min: -5, Max: 5, Step: 0.01, Default: "0"},
	{Name: "y", Label: "Point x: up", Help: "Where the noise is centred; click the plane to move it.",
		Kind: state.Number, Min: -5, Max: 5, Step: 0.01, Default: "0.9"},
	{Name: "sigma", Label: "Noise σ", Help: "The standard deviation of the noise around the point, in each coordinate.",
		Kind: state.Number, Min: 0.02, Max: 1, Step: 0.01, Default: "0.3"},
	seedParam,
}}

// Playground is the scene's model: a core/playground run trained in
// steps, its regions and its reading at the point.
type Playground struct {
	Config playground.Config
	P      region.Point
	Sigma  float64
	Run    *playground.Run
	// Grid is the latest regions; Reading is the reading at P once the
	// run is trained (nil while it trains).
	Grid    playground.Grid
	Reading *playground.Reading
	// Err is a run that could not be set up (a sentence), or nil.
	Err error
	// What the run and the reading were made for.
	runKey, readKey string
}

// Apply reads the parameters; a change of data, training or network
// starts the run again, a change of the point or σ only reads again.
func (g *Playground) Apply(s state.State) {
	c := playground.Config{Data: s.Values["data"], Hidden: []int{int(s.Float("width")), int(s.Float("width"))},
		Recipe: playground.Recipe(s.Values["train"], int(s.Float("epochs")), s.Float("tsigma"), s.Float("eps"), uint64(s.Float("seed")))}
	g.P, g.Sigma = region.Point{X: s.Float("x"), Y: s.Float("y")}, s.Float("sigma")
	if key := fmt.Sprintf("%v", c); key != g.runKey {
		g.runKey, g.readKey, g.Config, g.Reading = key, "", c, nil
		g.Run, g.Err = playground.New(c)
		if g.Err == nil {
			g.Grid = g.Run.Regions(TrainingGrid)
		}
	}
	g.read()
}

// Advance trains at most batches steps and redraws the regions; it
// reports whether anything changed. Once the run is trained it reads
// the point.
func (g *Playground) Advance(batches int) bool {
	if g.Run == nil || g.Run.Done() {
		return false
	}
	for i := 0; i < batches && !g.Run.Step(); i++ {
	}
	g.Grid = g.Run.Regions(TrainingGrid)
	g.read()
	return true
}

// read reads the trained network at the point, once per point and σ.
func (g *Playground) read() {
	if g.Run == nil || !g.Run.Done() {
		return
	}
	key := fmt.Sprintf("%v %v %v", g.runKey, g.P, g.Sigma)
	if key == g.readKey {
		return
	}
	if g.Grid.W != playground.ReadGrid {
		g.Grid = g.Run.Regions(playground.ReadGrid)
	}
	rd := g.Run.Read(g.Grid, g.P, g.Sigma, playground.ReadSamples, g.Config.Recipe.Seed)
	g.Reading, g.readKey = &rd, key
}

// Summary is the reading in words, for the page's live region.
func (g *Playground) Summary() string {
	switch {
	case g.Err != nil:
		return "The network could not be set up: " + g.Err.Error()
	case g.Reading == nil:
		p := g.Run.State()
		return fmt.Sprintf("Training on %s: pass %d of %d, loss %s, accuracy %s.", g.Config.Data, min(p.Epoch+1, p.Epochs), p.Epochs, Num(p.Loss), Num(p.Accuracy))
	}
	r := g.Reading
	s := fmt.Sprintf("The network reads class %d at x = (%s, %s). With noise σ = %s around x, a share μ = %s of it lands on another class (exact over the grid; %s from %d noisy copies, 95%%: %s to %s). ",
		r.Class, Num(g.P.X), Num(g.P.Y), Num(g.Sigma), Num(r.Mu), Num(r.MuSampled), r.Samples, Num(r.MuCI.Lo), Num(r.MuCI.Hi))
	switch {
	case math.IsInf(r.Nearest, 1):
		return s + "The network reads one class everywhere in view: there is no error to be near."
	case r.Mu >= 0.5:
		return s + fmt.Sprintf("The nearest error is %s from x; with μ ≥ 1/2 the bound is 0.", Num(r.Nearest))
	case r.Mu == 0:
		return s + fmt.Sprintf("The nearest error is %s from x, beyond the noise's reach: with μ = 0 no bound follows.", Num(r.Nearest))
	}
	return s + fmt.Sprintf("The nearest error is %s from x. Half the noisy copies are within %s of an error; the isoperimetric bound −σΦ⁻¹(μ) = %s allows up to that (ratio %s), and only a straight boundary reaches it.",
		Num(r.Nearest), Num(r.Median), Num(r.Bound), Num(r.Median/r.Bound))
}

// WriteJSON writes the settings and the reading, as a
// playground.Record (what `noiseball playground` prints).
func (g *Playground) WriteJSON(w io.Writer) error {
	return writeJSON(w, PlaygroundID, playground.NewRecord(g.Config, g.P, g.Sigma, g.Grid, *g.Reading), true)
}

// WriteCSV writes the regions: one row per grid cell, its centre and
// the class read there.
func (g *Playground) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"x", "y", "class"})
	for j := range g.Grid.W {
		for i := range g.Grid.W {
			cw.Write([]string{state.FormatNumber(g.Grid.X0 + (float64(i)+0.5)*g.Grid.Cell), state.FormatNumber(g.Grid.Y0 + (float64(j)+0.5)*g.Grid.Cell),
				strconv.Itoa(g.Grid.Class[j*g.Grid.W+i])})
		}
	}
	cw.Flush()
	return cw.Error()
}
