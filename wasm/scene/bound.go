package scene

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"noiseball/core/measure"
	"noiseball/wasm/state"
)

// BoundID is the id of the scene "distance against the bound" (the
// paper's Figs. 2 and 4).
const BoundID = "bound"

// NoCompare is the compare choice that shows one model.
const NoCompare = "none"

var boundScene = state.Scene{ID: BoundID, Title: "Distance against the bound", Params: []state.Param{
	{Name: "model", Label: "Model", Help: "The model measured: one of the shipped zoo or your own safetensors file (loaded in the slice explorer).",
		Kind: state.Choice, Choices: append(ZooModels[:len(ZooModels):len(ZooModels)], UserModel),
		ChoiceLabels: append(ZooModels[:len(ZooModels):len(ZooModels)], "your model"), Default: "cnn-clean"},
	{Name: "compare", Label: "Compare with", Help: "A second model measured on the same digits, drawn in the same axes.",
		Kind: state.Choice, Choices: append([]string{NoCompare}, ZooModels...), ChoiceLabels: append([]string{"no other model"}, ZooModels...), Default: NoCompare},
	{Name: "compare2", Label: "And with", Help: "A third model in the same axes.",
		Kind: state.Choice, Choices: append([]string{NoCompare}, ZooModels...), ChoiceLabels: append([]string{"no other model"}, ZooModels...), Default: NoCompare},
	{Name: "compare3", Label: "And with", Help: "A fourth model in the same axes.",
		Kind: state.Choice, Choices: append([]string{NoCompare}, ZooModels...), ChoiceLabels: append([]string{"no other model"}, ZooModels...), Default: NoCompare},
	{Name: "sigma", Label: "Noise σ", Help: "The noise level of Fig. 4 (Fig. 2 finds its own σ per digit).",
		Kind: state.Number, Min: 0.05, Max: 1, Step: 0.01, Default: "0.3"},
	{Name: "images", Label: "Test digits", Help: "How many test digits, from the first: each is one point per model.",
		Kind: state.Integer, Min: 5, Max: 1000, Step: 5, Default: "50"},
	{Name: "view", Label: "Figure", Help: "Fig. 4: each digit's error rate in noise against the median distance from its noisy copies to their nearest errors. Fig. 2: the σ at which each digit errs 1% of the time against its clean nearest-error distance.",
		Kind: state.Choice, Choices: []string{"fig4", "fig2"}, ChoiceLabels: []string{"Fig. 4: noisy distance against μ", "Fig. 2: clean distance against σ at 1%"}, Default: "fig4"},
	{Name: "smooth", Label: "Smoothing", Help: "Overlay the radius that randomized smoothing certifies at each clean digit (Cohen et al., 2019).",
		Kind: state.Choice, Choices: []string{"off", "on"}, ChoiceLabels: []string{"hidden", "certified radius shown"}, Default: "off"},
	seedParam,
}}

// Bound is what the scene measures: the models, the first Images test
// digits and the settings of every point.
type Bound struct {
	Models   []string         `json:"models"` // the model, then the compared ones (up to three), without repeats
	Images   int              `json:"images"`
	Settings measure.Settings `json:"settings"`
	View     string           `json:"view"`
	Smooth   bool             `json:"smoothing"`
}

// NewBound reads the scene's parameters from s. Sizes other than σ and
// the seed are measure.DefaultSettings, those of `noiseball reproduce`.
func NewBound(s state.State) Bound {
	set := measure.DefaultSettings
	set.Sigma, set.Seed = s.Float("sigma"), uint64(s.Float("seed"))
	b := Bound{Models: []string{s.Values["model"]}, Images: int(s.Float("images")), Settings: set,
		View: s.Values["view"], Smooth: s.Values["smooth"] == "on"}
	for _, p := range []string{"compare", "compare2", "compare3"} {
		if c := s.Values[p]; c != NoCompare && !slices.Contains(b.Models, c) {
			b.Models = append(b.Models, c)
		}
	}
	return b
}

// Same reports whether b and o are the same measurement (how it is
// drawn aside): a different one means new numbers.
func (b Bound) Same(o Bound) bool {
	return slices.Equal(b.Models, o.Models) && b.Images == o.Images && b.Settings == o.Settings
}

// BoundResult is the scene's numbers: one series per model, each with the
// points measured so far (in index order) and where they came from.
type BoundResult struct {
	Params Bound            `json:"params"`
	Series []measure.Series `json:"series"`
	// Source says, per series, "precomputed" (shipped results of
	// `noiseball bound`), "measured" (computed in this browser),
	// "extended" (shipped for the first digits, measured here for the
	// rest), "partial" (still being computed) or "waiting" (the rest
	// waits for the visitor's "Measure").
	Source []string `json:"source"`
}

// Summary reads the numbers for the aria-live region: per model, the
// median ratio of measured distance to the bound, how many digits sit
// near it and above it, Fig. 2's median d/σ₁%, and smoothing.
func (r *BoundResult) Summary() string {
	var b strings.Builder
	for i, s := range r.Series {
		if i > 0 {
			b.WriteString(" ")
		}
		sum := measure.Summarize(s.Points)
		src := "measured here"
		switch r.Source[i] {
		case "precomputed":
			src = "precomputed by noiseball bound"
		case "extended":
			src = "precomputed by noiseball bound, the further digits measured here"
		case "partial":
			src = fmt.Sprintf("measuring here, %d of %d digits so far", len(s.Points), r.Params.Images)
		case "waiting":
			src = fmt.Sprintf("%d of %d digits shipped with the page; “Measure” measures the rest here", len(s.Points), r.Params.Images)
		}
		name := s.Model
		if name == UserModel {
			name = "your model"
		}
		fmt.Fprintf(&b, "%s at σ = %s (%s): ", name, Num(s.Settings.Sigma), src)
		if sum.Ratios == 0 {
			fmt.Fprintf(&b, "no digit yet has both a median distance and a finite bound.")
		} else {
			fmt.Fprintf(&b, "the median distance from noisy copies to their nearest errors is %s times the bound -σΦ⁻¹(μ) (median over %d digits); %d lie within %s× of it and %d above it beyond both intervals.",
				Num(sum.MedianRatio), sum.Ratios, sum.Near, Num(measure.NearFactor), sum.Above)
		}
		zeros := 0
		for _, p := range s.Points {
			if p.Mu == 0 && p.Count > 0 {
				zeros++
			}
		}
		if zeros > 0 && 3*zeros >= len(s.Points) {
			// A robust model at a small σ: most digits sit in a stack at
			// the left edge, with no bound to compare with.
			fmt.Fprintf(&b, " %d of %d digits had no noisy copy in error (μ = 0, the hollow dots at the left edge): at σ = %s this model errs too rarely in noise for a finite bound; raise σ to place them.",
				zeros, len(s.Points), Num(s.Settings.Sigma))
		}
		if sum.Fig2 > 0 {
			fmt.Fprintf(&b, " Fig. 2: the clean nearest error is a median %s times the σ at which the digit errs 1%% of the time (2.326 for a half-space).", Num(sum.Fig2Ratio))
		}
		if r.Params.Smooth {
			fmt.Fprintf(&b, " Smoothing certifies %d of %d digits, median radius %s.", sum.Certified, len(s.Points), Num(sum.MedianCertR))
		}
	}
	return b.String()
}

// WriteCSV writes one row per model and digit with every number and the
// settings it was measured with.
func (r *BoundResult) WriteCSV(w io.Writer) error {
	if _, err := fmt.Fprintln(w, "model,source,sigma,seed,rate_samples,starts,fig2_samples,index,label,mu,mu_lo,mu_hi,median,median_lo,median_hi,count,bound,bound_hi,above,certified_radius,sigma_at_1pct,distance"); err != nil {
		return err
	}
	for i, s := range r.Series {
		st := s.Settings
		for _, p := range s.Points {
			// No bound at μ = 0, no σ at 1% beyond the search, no distance
			// where none was found: empty fields, not measure's -1.
			if _, err := fmt.Fprintf(w, "%s,%s,%g,%d,%d,%d,%d,%d,%d,%g,%g,%g,%g,%g,%g,%d,%s,%s,%t,%g,%s,%s\n",
				s.Model, r.Source[i], st.Sigma, st.Seed, st.RateSamples, st.Starts, st.Fig2Samples, p.Index, p.Label,
				p.Mu, p.MuCI[0], p.MuCI[1], p.Median, p.MedianCI[0], p.MedianCI[1], p.Count, csvNumber(p.Bound, p.Bound < 0), csvNumber(p.BoundHi, p.BoundHi < 0), p.Above,
				p.Certified, csvNumber(p.Sigma1, p.Sigma1 < 0), csvNumber(p.Distance, p.Distance < 0)); err != nil {
				return err
			}
		}
	}
	return nil
}

// WriteJSON writes the parameters and every series.
func (r *BoundResult) WriteJSON(w io.Writer) error {
	return writeJSON(w, BoundID, r, false)
}
