package scene

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"noiseball/core/compare"
	"noiseball/wasm/state"
)

// CompareID is the compare scene's id.
const CompareID = "compare"

// CompareModels is how many models the compare scene shows at most.
const CompareModels = 4

// CompareViews are the compare scene's figures: accuracy in noise
// against σ (Fig. 7 left), under the corruption suite (Fig. 6), under
// PGD against ε, the median distance to the nearest error, and
// gradient-masking defenses in noise (Fig. 7 right).
var CompareViews = []string{"noise", "corruption", "pgd", "nearest", "defense"}

// modelParam is the compare scene's k-th model choice (1-based); the
// first has no "none".
func modelParam(k int, def string) state.Param {
	choices := append(ZooModels[:len(ZooModels):len(ZooModels)], UserModel)
	labels := append(ZooModels[:len(ZooModels):len(ZooModels)], "your model")
	if k > 1 {
		choices, labels = append([]string{NoCompare}, choices...), append([]string{"none"}, labels...)
	}
	return state.Param{Name: fmt.Sprintf("m%d", k), Label: fmt.Sprintf("Model %d", k),
		Help: "A zoo model, or yours (trained in the Train scene or loaded in the slice explorer).", Kind: state.Choice,
		Choices: choices, ChoiceLabels: labels, Default: def}
}

var compareScene = state.Scene{ID: CompareID, Title: "Compare", Beyond: true, Params: []state.Param{
	{Name: "view", Label: "Figure", Help: "What the models are compared on.", Kind: state.Choice, Choices: CompareViews,
		ChoiceLabels: []string{"accuracy in noise (Fig. 7)", "corruptions (Fig. 6)", "PGD attacks", "nearest error", "defenses in noise (Fig. 7)"},
		Default:      "noise"},
	modelParam(1, "cnn-clean"), modelParam(2, "cnn-gauss0.4"), modelParam(3, "cnn-pgd-l2-1.0"), modelParam(4, NoCompare),
	{Name: "source", Label: "Numbers", Help: "The zoo's numbers as `noiseball reproduce` measured them, or every model measured here, in a worker, with fewer digits (your model is always measured here).",
		Kind: state.Choice, Choices: []string{"shipped", "here"}, ChoiceLabels: []string{"shipped with the page", "measured here"}, Default: "shipped"},
}}

// Compare is what the scene shows: the models (without repeats or
// "none"), the figure, and whether the zoo's numbers are measured here.
type Compare struct {
	Models []string `json:"models"`
	View   string   `json:"view"`
	Here   bool     `json:"measured_here"`
}

// NewCompare reads the scene's parameters.
func NewCompare(s state.State) Compare {
	c := Compare{View: s.Values["view"], Here: s.Values["source"] == "here"}
	for k := 1; k <= CompareModels; k++ {
		if m := s.Values[fmt.Sprintf("m%d", k)]; m != NoCompare && !slices.Contains(c.Models, m) {
			c.Models = append(c.Models, m)
		}
	}
	return c
}

// MeasuredHere reports whether the model's numbers come from the page
// (compare.Page settings) rather than the shipped table: the visitor's
// model always, every model in "here" mode.
func (c Compare) MeasuredHere(model string) bool { return c.Here || model == UserModel }

// CompareParams are a compare job's parameters: the model's name (it
// keys the random draws, as in `noiseball compare`) and the settings.
type CompareParams struct {
	Model    string           `json:"model"`
	Settings compare.Settings `json:"settings"`
}

// CompareDigits is how many test digits a compare job with
// compare.Page's settings needs, from the first.
func CompareDigits(s compare.Settings) int {
	return max(s.CleanImages, s.NoiseImages, s.CorruptImages, s.PGDImages, s.NearestImages)
}

// CompareEstimate returns the seconds one model's measurement with
// settings s should take in one worker computing at speed sp, for a
// network of forward cost flops (multiply-adds counted twice): the
// passes it makes at sp.FLOPS, a PGD step three forward passes' worth, a
// nearest-error search sp.SearchPasses.
func CompareEstimate(s compare.Settings, flops float64, sp Speed) float64 {
	passes := float64(s.CleanImages+s.NoiseImages*len(s.NoiseSigmas)+s.CorruptImages*compare.Severities*compare.Corruptions+
		3*s.PGDImages*s.PGDSteps*(len(s.L2Eps)+len(s.LinfEps))) + sp.SearchPasses*float64(s.NearestImages)
	return passes * flops / sp.FLOPS
}

// CompareView is what the page shows: the choice and the results it has
// (nil until shipped or measured), by model; Table holds the shipped
// defenses.
type CompareView struct {
	C       Compare
	Results map[string]*compare.Result
	Table   *compare.Table
}

// Ready reports whether every model's result is here.
func (v *CompareView) Ready() bool {
	for _, m := range v.C.Models {
		if v.Results[m] == nil {
			return false
		}
	}
	return v.View() != "defense" || v.Table != nil
}

// View returns the figure shown.
func (v *CompareView) View() string { return v.C.View }

// Label names a model in legends: the visitor's by the name it was
// given (name, or "your model").
func Label(model, name string) string {
	if model == UserModel {
		if name != "" {
			return name
		}
		return "your model"
	}
	return model
}

// Summary reads the figure's numbers in words, model by model.
func (v *CompareView) Summary(userName string) string {
	if !v.Ready() {
		return "Comparing " + strings.Join(v.C.Models, ", ") + "…"
	}
	var parts []string
	for _, m := range v.C.Models {
		r := v.Results[m]
		name := Label(m, userName)
		switch v.View() {
		case "noise":
			parts = append(parts, fmt.Sprintf("%s: %s clean, %s at σ = 0.3, %s at σ = 0.6", name, percent(r.Clean.Value),
				percent(r.Noise["0.3"].Value), percent(r.Noise["0.6"].Value)))
		case "corruption":
			parts = append(parts, fmt.Sprintf("%s: %s over the suite (noise %s, blur %s)", name, percent(r.CorruptAll),
				percent(r.Groups["noise"]), percent(r.Groups["blur"])))
		case "pgd":
			parts = append(parts, fmt.Sprintf("%s: %s under L2 PGD at ε = 1, %s under L∞ at ε = 0.1", name, percent(r.L2["1"].Value), percent(r.Linf["0.1"].Value)))
		case "nearest":
			parts = append(parts, fmt.Sprintf("%s: median %s (%s)", name, distance(r.Nearest.Median), r.Nearest.Method))
		}
	}
	switch v.View() {
	case "noise":
		return "Accuracy in Gaussian noise. " + strings.Join(parts, "; ") + "."
	case "corruption":
		return "Mean accuracy under the corruption suite at five severities. " + strings.Join(parts, "; ") + "."
	case "pgd":
		return "Accuracy under PGD attacks. " + strings.Join(parts, "; ") + "."
	case "nearest":
		return "L2 distance from clean test digits to their nearest errors. " + strings.Join(parts, "; ") + "."
	}
	var d []string
	for _, name := range v.Defenses() {
		d = append(d, fmt.Sprintf("%s %s", name, percent(v.Table.Defenses[name]["0.3"].Value)))
	}
	return "cnn-clean behind input transforms, accuracy in noise at σ = 0.3: " + strings.Join(d, ", ") + "."
}

// distance writes a median distance; -1 stands for none found.
func distance(d float64) string {
	if d < 0 {
		return "∞ (not found)"
	}
	return Num(d)
}

// Defenses returns the names of the shipped defenses, "none" first.
func (v *CompareView) Defenses() []string {
	var names []string
	for n := range v.Table.Defenses {
		if n != "none" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return append([]string{"none"}, names...)
}

// Source says where a model's numbers come from and how they were
// measured.
func (v *CompareView) Source(model string) compare.Settings {
	if v.C.MeasuredHere(model) || v.Table == nil {
		return compare.Page
	}
	return v.Table.Settings
}

// WriteJSON writes the choice and the results.
func (v *CompareView) WriteJSON(w io.Writer) error {
	type entry struct {
		compare.Result
		Settings compare.Settings `json:"settings"`
		Here     bool             `json:"measured_here"`
	}
	var rs []entry
	for _, m := range v.C.Models {
		rs = append(rs, entry{*v.Results[m], v.Source(m), v.C.MeasuredHere(m)})
	}
	return writeJSON(w, CompareID, struct {
		Compare
		Results []entry `json:"results"`
	}{v.C, rs}, true)
}

// WriteCSV writes one row per model and measurement.
func (v *CompareView) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"model", "measurement", "parameter", "accuracy_or_distance", "ci_low", "ci_high"})
	row := func(m, what, p string, r compare.Rate) {
		cw.Write([]string{m, what, p, csvNumber(r.Value, false), csvNumber(r.CI[0], false), csvNumber(r.CI[1], false)})
	}
	for _, m := range v.C.Models {
		r := v.Results[m]
		row(m, "clean", "", r.Clean)
		for _, k := range sortedKeys(r.Noise) {
			row(m, "noise_sigma", k, r.Noise[k])
		}
		for _, k := range sortedKeys(r.Corruption) {
			row(m, "corruption", k, r.Corruption[k])
		}
		for _, k := range sortedKeys(r.L2) {
			row(m, "pgd_l2_eps", k, r.L2[k])
		}
		for _, k := range sortedKeys(r.Linf) {
			row(m, "pgd_linf_eps", k, r.Linf[k])
		}
		n := r.Nearest
		cw.Write([]string{m, "nearest_median", n.Method, csvNumber(n.Median, n.Median < 0), csvNumber(n.CI[0], n.CI[0] < 0), csvNumber(n.CI[1], n.CI[1] < 0)})
	}
	cw.Flush()
	return cw.Error()
}

func sortedKeys[V any](m map[string]V) []string {
	k := make([]string, 0, len(m))
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return k
}
