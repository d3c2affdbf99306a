// Package compare holds what the paper's model comparison measures and
// reports (Figs. 6 and 7 of Ford et al. 2019): the settings, a model's
// result (clean accuracy, accuracy in additive Gaussian noise N(0, σ²I)
// against σ, under the corruption suite at five severities, under L2 and
// L∞ PGD against the radius ε, and the median L2 distance from clean
// test digits to their nearest errors) and the zoo's table that the page
// ships. Pixels are in [0,1]; σ and ε are in the same units.
//
// The types are apart from the engine (package compare/meter) so that
// the page's program, which reads results but never measures, does not
// link the corruptions and the attacks.
package compare

import (
	"strconv"

	"noiseball/core/stats"
)

// Corruptions and Severities are the size of the corruption suite
// (package corrupt) and its severities, for estimates that must not link
// it; package meter's tests check them.
const (
	Corruptions = 19
	Severities  = 5
)

// Settings are the sizes and parameters of a measurement. The JSON names
// are those of `noiseball reproduce`'s results.json.
type Settings struct {
	Seed          uint64    `json:"seed"`
	CleanImages   int       `json:"clean_images"`   // clean accuracy on the first N test digits
	NoiseImages   int       `json:"noise_images"`   // accuracy in noise: the first N digits, one noisy copy per σ
	NoiseSigmas   []float64 `json:"noise_sigmas"`   // the σ of the noise curve
	CorruptImages int       `json:"corrupt_images"` // the first N digits, each corruption at its five severities
	PGDImages     int       `json:"pgd_images"`     // the first N digits attacked
	PGDSteps      int       `json:"pgd_steps"`      // steps of ε/25, no random start, no clipping
	L2Eps         []float64 `json:"l2_eps"`
	LinfEps       []float64 `json:"linf_eps"`
	NearestImages int       `json:"nearest_images"` // the first N digits' nearest errors (attack.Fast)
}

// Full are the settings of `noiseball reproduce`, whose numbers the
// page ships for the zoo.
var Full = Settings{Seed: 1, CleanImages: 10000, NoiseImages: 1000, NoiseSigmas: []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8},
	CorruptImages: 200, PGDImages: 100, PGDSteps: 100, L2Eps: []float64{0.5, 1, 1.5, 2}, LinfEps: []float64{0.05, 0.1, 0.2, 0.3},
	NearestImages: 60}

// Quick are the settings of `noiseball reproduce -quick`.
var Quick = Settings{Seed: 1, CleanImages: 1000, NoiseImages: 300, NoiseSigmas: Full.NoiseSigmas,
	CorruptImages: 10, PGDImages: 10, PGDSteps: 100, L2Eps: Full.L2Eps, LinfEps: Full.LinfEps, NearestImages: 16}

// Page are the settings of the page's "measure here": about a minute
// for a CNN in one browser worker.
var Page = Settings{Seed: 1, CleanImages: 1000, NoiseImages: 300, NoiseSigmas: Full.NoiseSigmas,
	CorruptImages: 10, PGDImages: 20, PGDSteps: 20, L2Eps: Full.L2Eps, LinfEps: Full.LinfEps, NearestImages: 16}

// Rate is a count of successes K of N with the share K/N and its 95%
// Clopper-Pearson interval.
type Rate struct {
	K, N  int
	Value float64
	CI    [2]float64
}

// NewRate returns the rate of k successes in n trials.
func NewRate(k, n int) Rate {
	ci := stats.ClopperPearson(k, n, 0.95)
	return Rate{K: k, N: n, Value: float64(k) / float64(n), CI: [2]float64{ci.Lo, ci.Hi}}
}

// Nearest is the median distance to the nearest error over the digits
// measured, with its 95% interval; a digit whose error was not found
// counts as infinitely far, and -1 stands for a median or bound that is
// infinite.
type Nearest struct {
	Method string     `json:"method"` // "exact" (linear models) or "search"
	Median float64    `json:"median"`
	CI     [2]float64 `json:"ci"`
	Found  int        `json:"found"`
}

// Result is one model's measurement; maps are keyed by σ or ε written
// in their shortest form (Key).
type Result struct {
	Name       string             `json:"name"`
	Clean      Rate               `json:"clean"`
	Noise      map[string]Rate    `json:"noise"`
	Corruption map[string]Rate    `json:"corruption"`
	Groups     map[string]float64 `json:"corruption_groups"` // mean accuracy of each group's corruptions
	CorruptAll float64            `json:"corruption_mean"`   // mean over the whole suite
	L2         map[string]Rate    `json:"pgd_l2"`
	Linf       map[string]Rate    `json:"pgd_linf"`
	Nearest    Nearest            `json:"nearest"`
}

// Key writes σ or ε as Result's maps key it: 0.1, 1, 1.5.
func Key(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// Table is the zoo's comparison as `noiseball reproduce` writes it
// (compare.json) and the page ships it: the settings, every zoo model's
// result, and the accuracy in noise of cnn-clean behind each
// gradient-masking input transform (Fig. 7 right: "none", then the
// transforms by name), by σ.
type Table struct {
	Settings Settings                   `json:"settings"`
	Models   []Result                   `json:"models"`
	Defenses map[string]map[string]Rate `json:"defenses"`
	Sheet    Sheet                      `json:"sheet"`
}

// Sheet is a contact sheet of the corruption suite (Fig. 6's examples):
// one test digit clean, then under each corruption at one severity.
type Sheet struct {
	Digit    int      `json:"digit"`
	Severity int      `json:"severity"`
	Names    []string `json:"names"`  // "clean", then the suite's corruptions
	Pixels   []byte   `json:"pixels"` // 784 bytes (255 for 1) per name, in order
}

// Model returns the result of the model name, or nil.
func (t *Table) Model(name string) *Result {
	for i := range t.Models {
		if t.Models[i].Name == name {
			return &t.Models[i]
		}
	}
	return nil
}
