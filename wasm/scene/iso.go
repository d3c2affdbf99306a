package scene

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"noiseball/core/region"
	"noiseball/wasm/state"
)

// The isoperimetry scene's plane: the view spans [-ViewW/2, ViewW/2] ×
// [-ViewH/2, ViewH/2] around the noise centre, and paintings live on a
// PaintW×PaintH grid over it.
const (
	ViewW, ViewH   = 8.0, 6.0
	PaintW, PaintH = 48, 36
	PaintCell      = ViewW / PaintW
	// MatchDraws caps the noisy points "match mass" counts on (16 MB
	// of them; the measurement's first ones).
	MatchDraws = 1_000_000
	// KeepPoints is how many noisy points a measurement returns for drawing.
	KeepPoints = 1500
)

// Shapes are the error sets the scene offers.
var Shapes = []string{"halfplane", "disk", "wedge", "stripes", "blobs", "paint"}

var isoScene = state.Scene{ID: IsoperimetryID, Title: "Isoperimetry", Params: []state.Param{
	{Name: "shape", Label: "Error set", Help: "The shape of the error set; paint your own with the pointer.",
		Kind: state.Choice, Choices: Shapes,
		ChoiceLabels: []string{"half-plane", "disk", "wedge", "stripes", "scattered blobs", "free painting"}, Default: "disk"},
	{Name: "sigma", Label: "Noise σ", Help: "The standard deviation of the Gaussian around the point.",
		Kind: state.Number, Min: 0.2, Max: 2, Step: 0.01, Default: "1"},
	{Name: "angle", Label: "Direction (degrees)", Help: "The direction from the point to the set.",
		Kind: state.Number, Min: -180, Max: 180, Step: 1, Default: "0"},
	{Name: "dist", Label: "Distance to the set's anchor", Help: "How far the set's boundary (half-plane), centre (disk, blobs) or apex (wedge) is from the point.",
		Kind: state.Number, Min: -3, Max: 4, Step: 0.01, Default: "2"},
	{Name: "r", Label: "Radius", Help: "The radius of the disk or of each blob.",
		Kind: state.Number, Min: 0.05, Max: 3, Step: 0.01, Default: "0.8"},
	{Name: "half", Label: "Half-opening (degrees)", Help: "Half the wedge's opening angle.",
		Kind: state.Number, Min: 1, Max: 179, Step: 0.1, Default: "30"},
	{Name: "width", Label: "Stripe width", Help: "The width of each stripe; stripes repeat every 1.5.",
		Kind: state.Number, Min: 0.01, Max: 1.49, Step: 0.01, Default: "0.3"},
	{Name: "grow", Label: "Grow painting by", Help: "Dilates (positive) or erodes (negative) the painted set.",
		Kind: state.Number, Min: -1, Max: 1, Step: 0.01, Default: "0"},
	{Name: "eps", Label: "Expansion ε", Help: "Draws the set's ε-expansion, the points within ε of it.",
		Kind: state.Number, Min: 0, Max: 3, Step: 0.01, Default: "0.5"},
	{Name: "mass", Label: "Target mass for “match mass”", Help: "The Gaussian mass μ that “match mass” rescales the set to.",
		Kind: state.Number, Min: 0.001, Max: 0.5, Log: true, Default: "0.05"},
	{Name: "samples", Label: "Noise samples", Help: "How many noisy points the measurement draws.",
		Kind: state.Integer, Min: 1000, Max: 4e6, Step: 1, Log: true, Default: "100000"},
	{Name: "paint", Label: "Painting", Kind: state.Bits, Bits: PaintW * PaintH, Default: "", Hidden: true},
	seedParam,
}}

// StripePeriod is the distance between consecutive stripes.
const StripePeriod = 1.5

// blobCount is how many scattered disks the blobs shape has.
const blobCount = 7

// Iso is the error set of the isoperimetry scene, as the worker receives
// it: every parameter that shapes the set or its measurement.
type Iso struct {
	Shape   string  `json:"shape"`
	Sigma   float64 `json:"sigma"`
	Angle   float64 `json:"angle"` // degrees
	Dist    float64 `json:"dist"`
	R       float64 `json:"r"`
	Half    float64 `json:"half"` // degrees
	Width   float64 `json:"width"`
	Grow    float64 `json:"grow"`
	Samples int     `json:"samples"`
	Seed    uint64  `json:"seed"`
	Paint   string  `json:"paint"` // as in the URL
}

// NewIso reads the set's parameters from s.
func NewIso(s state.State) Iso {
	return Iso{Shape: s.Values["shape"], Sigma: s.Float("sigma"), Angle: s.Float("angle"), Dist: s.Float("dist"),
		R: s.Float("r"), Half: s.Float("half"), Width: s.Float("width"), Grow: s.Float("grow"),
		Samples: int(s.Float("samples")), Seed: uint64(s.Float("seed")), Paint: s.Values["paint"]}
}

// Validate checks every parameter against the scene's declarations, so
// a job message from elsewhere cannot ask for a shape that does not exist
// or a billion samples.
func (c Iso) Validate() error {
	sc := Find(IsoperimetryID)
	for _, v := range []struct {
		name string
		x    float64
	}{{"sigma", c.Sigma}, {"angle", c.Angle}, {"dist", c.Dist}, {"r", c.R}, {"half", c.Half},
		{"width", c.Width}, {"grow", c.Grow}, {"samples", float64(c.Samples)}, {"seed", float64(c.Seed)}} {
		if _, err := sc.Param(v.name).Canonical(state.FormatNumber(v.x)); err != nil {
			return fmt.Errorf("%s=%v %v", v.name, v.x, err)
		}
	}
	if _, err := sc.Param("shape").Canonical(c.Shape); err != nil {
		return fmt.Errorf("shape=%s %v", c.Shape, err)
	}
	_, err := state.DecodeBits(c.Paint, PaintW*PaintH)
	return err
}

// SizeParam returns the parameter that "match mass" adjusts for the
// shape: the half-plane's distance, the disk's and blobs' radius, the
// wedge's opening, the stripes' width or the painting's growth.
func (c Iso) SizeParam() string {
	switch c.Shape {
	case "halfplane":
		return "dist"
	case "disk", "blobs":
		return "r"
	case "wedge":
		return "half"
	case "stripes":
		return "width"
	}
	return "grow"
}

// Set builds the error set; a painting that does not decode is an error.
func (c Iso) Set() (region.Set, error) {
	bits, err := state.DecodeBits(c.Paint, PaintW*PaintH)
	if err != nil {
		return nil, fmt.Errorf("the painting %v", err)
	}
	var mask *region.Mask
	if c.Shape == "paint" {
		mask = region.NewMask(-ViewW/2, -ViewH/2, PaintCell, PaintW, PaintH, bits)
	}
	return c.family(mask)(c.size()), nil
}

// size returns the current value of SizeParam.
func (c Iso) size() float64 {
	switch c.SizeParam() {
	case "dist":
		return c.Dist
	case "r":
		return c.R
	case "half":
		return c.Half
	case "width":
		return c.Width
	}
	return c.Grow
}

// family returns the shape as a function of its size parameter.
func (c Iso) family(mask *region.Mask) region.Family {
	n := region.Dir(c.Angle * math.Pi / 180)
	anchor := region.Point{X: c.Dist * n.X, Y: c.Dist * n.Y}
	switch c.Shape {
	case "halfplane":
		return func(d float64) region.Set { return region.HalfPlane{N: n, Offset: d} }
	case "disk":
		return func(r float64) region.Set { return region.Disk{C: anchor, R: r} }
	case "wedge":
		return func(h float64) region.Set {
			return region.Wedge{Apex: anchor, Axis: n, Half: h * math.Pi / 180}
		}
	case "stripes":
		return func(w float64) region.Set {
			return region.Stripes{N: n, Offset: c.Dist, Period: StripePeriod, Width: w}
		}
	case "blobs":
		r := rand.New(rand.NewPCG(c.Seed, 0x626c6f6273))
		centres := make([]region.Point, blobCount)
		for i := range centres {
			centres[i] = region.Point{X: anchor.X + 2.2*(2*r.Float64()-1), Y: anchor.Y + 1.8*(2*r.Float64()-1)}
		}
		return func(rad float64) region.Set {
			u := make(region.Union, len(centres))
			for i, p := range centres {
				u[i] = region.Disk{C: p, R: rad}
			}
			return u
		}
	case "paint":
		return func(g float64) region.Set { return mask.Grown(g) }
	}
	panic("scene: no shape " + c.Shape)
}

// Match returns the value of SizeParam, within its declared range, at
// which the set's Gaussian mass is closest to target, counted on the
// very noisy points the measurement then draws (the first
// min(Samples, MatchDraws) of Meter's stream: region.Match on common
// draws), so the measured μ lands on the target as closely as the count
// allows; the value is rounded to what a link carries (RoundForLink).
func (c Iso) Match(target float64) (float64, error) {
	if _, err := c.Set(); err != nil {
		return 0, err
	}
	var mask *region.Mask
	if c.Shape == "paint" {
		bits, _ := state.DecodeBits(c.Paint, PaintW*PaintH)
		mask = region.NewMask(-ViewW/2, -ViewH/2, PaintCell, PaintW, PaintH, bits)
	}
	p := Find(IsoperimetryID).Param(c.SizeParam())
	v := region.Match(c.family(mask), p.Min, p.Max, target, c.Sigma, min(c.Samples, MatchDraws), c.meterRand())
	return RoundForLink(p, v), nil
}

// RoundForLink rounds a computed value of p to what its control and a
// link carry: a multiple of p.Step, else four significant digits, inside
// p's range (0.8216 rather than 0.8216279809971282).
func RoundForLink(p *state.Param, v float64) float64 {
	digits := 4.0
	if p.Step > 0 {
		// Then to 10 digits, so 2.0700000000000003 reads 2.07.
		v, digits = p.Min+math.Round((v-p.Min)/p.Step)*p.Step, 10
	}
	if v != 0 {
		e := math.Pow(10, digits-1-math.Floor(math.Log10(math.Abs(v))))
		v = math.Round(v*e) / e
	}
	return math.Max(p.Min, math.Min(p.Max, v))
}

// meterRand is the random stream of the scene's noisy points.
func (c Iso) meterRand() *rand.Rand { return rand.New(rand.NewPCG(c.Seed, 0x69736f)) }

// Meter prepares the Monte Carlo measurement of the set.
func (c Iso) Meter() (*region.Meter, error) {
	s, err := c.Set()
	if err != nil {
		return nil, err
	}
	return region.NewMeter(s, c.Sigma, c.Samples, KeepPoints, c.meterRand()), nil
}

// ExpansionEps are the ε at which a measurement reports the expansion
// curve: 0 to 3 in steps of 0.05.
func ExpansionEps() []float64 {
	e := make([]float64, 61)
	for i := range e {
		e[i] = float64(i) / 20 // not i·0.05, which writes 0.15000000000000002
	}
	return e
}

// IsoResult is a measurement of the scene's set, as the worker sends it
// and the JSON export writes it; intervals are 95%.
type IsoResult struct {
	Params    Iso          `json:"params"`
	Samples   int          `json:"samples"`
	Hits      int          `json:"hits"`
	Mu        Float        `json:"mu"`
	MuCI      [2]Float     `json:"mu_ci95"`
	Median    Float        `json:"median_distance"`
	MedianCI  [2]Float     `json:"median_distance_ci95"`
	Bound     Float        `json:"bound"` // -σΦ⁻¹(μ); null (∞) when μ = 0
	Clean     Float        `json:"clean_distance"`
	Expansion []ExpansionP `json:"expansion"`
	Points    [][2]float64 `json:"points"`
}

// ExpansionP is one point of the expansion curve.
type ExpansionP struct {
	Eps   float64 `json:"eps"`
	Mass  float64 `json:"mass"`
	Bound float64 `json:"bound"`
}

// NewIsoResult converts a measurement.
func NewIsoResult(c Iso, m region.Measurement) IsoResult {
	r := IsoResult{Params: c, Samples: m.Samples, Hits: m.Hits, Mu: Float(m.Mu),
		MuCI:   [2]Float{Float(m.MuCI.Lo), Float(m.MuCI.Hi)},
		Median: Float(m.Median), MedianCI: [2]Float{Float(m.MedianCI.Lo), Float(m.MedianCI.Hi)},
		Bound: Float(m.Bound), Clean: Float(m.Clean)}
	for _, e := range m.Expansion {
		r.Expansion = append(r.Expansion, ExpansionP{e.Eps, e.Mass, e.Bound})
	}
	for _, p := range m.Points {
		r.Points = append(r.Points, [2]float64{p.X, p.Y})
	}
	return r
}

// Summary is the reading of a measurement for the aria-live region. The
// bound -σΦ⁻¹(μ) is stated where it says something: not when no noisy
// point hit the set (μ = 0: no bound) nor when half or more did (μ ≥ ½:
// the bound is 0 or below, and the median distance is 0).
func (r *IsoResult) Summary() string {
	b := float64(r.Bound)
	var bound string
	switch {
	case r.Mu == 0 || math.IsInf(b, 1):
		bound = "no noisy point hit the set, so there is no bound to compare with"
	case b <= 0:
		bound = "half or more of the noisy points lie in the set, so the median distance is 0 and the bound -σΦ⁻¹(μ) says nothing"
	default:
		bound = fmt.Sprintf("isoperimetric bound -σΦ⁻¹(μ) = %s, ratio to the bound %s", Num(b), Num(float64(r.Median)/b))
	}
	return fmt.Sprintf("Gaussian mass μ = %s (95%%: %s to %s) from %d noisy points. Median distance from noisy points to the set %s (95%%: %s to %s); %s. Distance from the point itself: %s.",
		Num(float64(r.Mu)), Num(float64(r.MuCI[0])), Num(float64(r.MuCI[1])), r.Samples,
		Num(float64(r.Median)), Num(float64(r.MedianCI[0])), Num(float64(r.MedianCI[1])), bound, Num(float64(r.Clean)))
}

// WriteCSV writes the expansion curve, one row per ε.
func (r *IsoResult) WriteCSV(w io.Writer) error {
	if _, err := fmt.Fprintln(w, "eps,expansion_mass,isoperimetric_bound"); err != nil {
		return err
	}
	for _, e := range r.Expansion {
		if _, err := fmt.Fprintf(w, "%g,%g,%g\n", e.Eps, e.Mass, e.Bound); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the whole measurement with its parameters.
func (r *IsoResult) WriteJSON(w io.Writer) error {
	return writeJSON(w, IsoperimetryID, r, true)
}
