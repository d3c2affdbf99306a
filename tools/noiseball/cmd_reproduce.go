package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"noiseball/core/attack"
	"noiseball/core/compare"
	"noiseball/core/compare/meter"
	"noiseball/core/data"
	"noiseball/core/defense"
	"noiseball/core/measure"
	"noiseball/core/nn"
	"noiseball/core/noise"
	"noiseball/core/stats"
	"noiseball/core/step"
)

// reproSettings are the sizes and parameters of a reproduce run; they go
// into results.json so every number says how it was measured.
type reproSettings struct {
	Quick   bool `json:"quick"`
	Workers int  `json:"workers"`
	// The zoo's measurement (clean, noise, corruptions, PGD, nearest
	// errors), whose fields appear at the top level of the JSON.
	compare.Settings
	Fig2Models      []string `json:"fig2_models"`
	Fig2Images      int      `json:"fig2_images"`
	Fig2Samples     int      `json:"fig2_samples"`
	Fig4Models      []string `json:"fig4_models"`
	Fig4Images      int      `json:"fig4_images"`
	Fig4Sigma       float64  `json:"fig4_sigma"`
	Fig4RateSamples int      `json:"fig4_rate_samples"`
	Fig4Starts      int      `json:"fig4_starts"`
	SliceImages     []int    `json:"slice_images"`
	LinearImages    int      `json:"linear_images"`
	LinearSamples   int      `json:"linear_samples"`
}

func defaultRepro(quick bool) reproSettings {
	s := reproSettings{
		Quick: quick, Workers: runtime.NumCPU(), Settings: compare.Full,
		Fig2Models: []string{"linear-clean", "cnn-clean", "cnn-gauss0.4", "cnn-pgd-l2-1.0"},
		Fig2Images: 20, Fig2Samples: 300,
		Fig4Models: []string{"linear-clean", "cnn-clean", "cnn-gauss0.1"},
		Fig4Images: 20, Fig4Sigma: 0.3, Fig4RateSamples: 1000, Fig4Starts: 8,
		SliceImages:  []int{0, 1, 2},
		LinearImages: 100, LinearSamples: 4000,
	}
	if quick {
		s.Settings = compare.Quick
		s.Fig2Images, s.Fig2Samples, s.Fig4Images, s.Fig4RateSamples, s.Fig4Starts = 4, 200, 6, 400, 8
		s.LinearImages, s.LinearSamples, s.SliceImages = 20, 2000, []int{0}
	}
	return s
}

type linearRow struct {
	Model       string  `json:"model"`
	SearchRatio float64 `json:"search_over_exact_max"`
	// Eq. 1 for the nearest rival's half-space alone: -σΦ⁻¹(μ_j)/d_j.
	HalfRatio   float64 `json:"eq1_halfspace_over_exact_median"`
	HalfRatioLo float64 `json:"eq1_halfspace_over_exact_q25"`
	HalfRatioHi float64 `json:"eq1_halfspace_over_exact_q75"`
	// Eq. 1 for the model's whole error set: -σΦ⁻¹(μ)/d.
	Eq1Ratio   float64 `json:"eq1_over_exact_median"`
	Eq1RatioLo float64 `json:"eq1_over_exact_q25"`
	Eq1RatioHi float64 `json:"eq1_over_exact_q75"`
	Images     int     `json:"images"`
}

type claim struct {
	Claim    string `json:"claim"`
	Holds    bool   `json:"holds"`
	Detail   string `json:"detail"`
	Asserted bool   `json:"asserted"` // -quick fails when an asserted claim does not hold
}

type reproResults struct {
	Settings reproSettings              `json:"settings"`
	Models   []compare.Result           `json:"models"`
	Fig2     map[string][]fig2Point     `json:"fig2"`
	Fig4     map[string][]fig4Point     `json:"fig4"`
	Fig7     map[string]map[string]rate `json:"fig7"` // defense → σ → accuracy
	Linear   []linearRow                `json:"linear"`
	Claims   []claim                    `json:"claims"`
	Slices   []string                   `json:"fig3_slices"`
	Plots    []string                   `json:"plots"`
	Seconds  float64                    `json:"seconds"`
}

func key(v float64) string { return compare.Key(v) }

func runReproduce(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("reproduce", `Runs the paper's measurement protocol on the shipped zoo and prints
Markdown tables; writes results.json (every number with its 95% interval and
the settings), results.md and compare.json (the models' table the page's
compare scene ships, 'make results' copies it) into -out. The default run takes several
minutes on 2 cores; -quick takes about a minute and fails (exit 1) if one
of the paper's qualitative claims it checks does not hold.`, stderr)
	out := fs.String("out", "out/reproduce", "directory for results.json and results.md")
	quick := fs.Bool("quick", false, "small sizes; check the claims")
	seed := fs.Uint64("seed", 1, "random seed of all noise and attacks")
	workers := fs.Int("workers", runtime.NumCPU(), "goroutines")
	dataDir := fs.String("data", defaultDataDir, "directory written by 'noiseball data'")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkInt("workers", *workers, 1, 256); err != nil {
		return err
	}
	if err := checkWritable("out", *out, true); err != nil {
		return err
	}
	s := defaultRepro(*quick)
	s.Seed, s.Workers = *seed, *workers
	test, err := loadMNIST(*dataDir, "test")
	if err != nil {
		return err
	}
	start := time.Now()
	logf := func(format string, a ...any) {
		fmt.Fprintf(stderr, "reproduce %6.1fs: %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, a...))
	}
	res := reproResults{Settings: s, Fig2: map[string][]fig2Point{}, Fig4: map[string][]fig4Point{}, Fig7: map[string]map[string]rate{}}
	nets := map[string]*nn.Network{}
	for _, z := range zoo() {
		net, _, err := loadModel(z.name)
		if err != nil {
			return err
		}
		nets[z.name] = net
		logf("%s: clean, noise, corruptions, PGD, nearest errors", z.name)
		res.Models = append(res.Models, meter.NewMeter(z.name, net, test, s.Settings).RunParallel(s.Workers))
	}
	logf("Fig. 2 (sigma at 1%% vs clean distance)")
	for _, name := range s.Fig2Models {
		res.Fig2[name] = measureFig2(nets[name], name, test, s)
	}
	logf("Fig. 4 (noisy-point distances vs the bound at sigma %g)", s.Fig4Sigma)
	for _, name := range s.Fig4Models {
		res.Fig4[name] = measureFig4(nets[name], name, test, s)
	}
	logf("Fig. 7 (gradient-masking defenses around cnn-clean)")
	sub := test.Slice(0, s.NoiseImages)
	for _, t := range []defense.Transform{defense.BitDepth(3), defense.JPEG(30), defense.Median(3)} {
		d := &defense.Defended{Inner: nets["cnn-clean"].Clone(), T: t}
		curve := noise.AccuracyCurve(d, sub, s.NoiseSigmas, 1, measure.Rand(s.Seed, measure.KeyFig7, "cnn-clean", 0))
		res.Fig7[t.Name] = curveRates(curve)
	}
	res.Fig7["none"] = curveRates(noise.AccuracyCurve(nets["cnn-clean"], sub, s.NoiseSigmas, 1, measure.Rand(s.Seed, measure.KeyFig7, "cnn-clean", 0)))
	logf("Fig. 3 (slices through test digits)")
	files, err := writeSlices(*out, []string{"cnn-clean", "cnn-gauss0.4", "cnn-pgd-l2-1.0"}, nets, test, s.SliceImages, s.Fig4Sigma, s.Seed)
	if err != nil {
		return err
	}
	res.Slices = files
	logf("linear sanity checks")
	for _, name := range []string{"linear-clean", "linear-gauss0.4"} {
		res.Linear = append(res.Linear, measureLinear(name, nets[name], test, s))
	}
	res.Claims = checkClaims(&res)
	if res.Plots, err = writePlots(*out, &res); err != nil {
		return err
	}
	res.Seconds = time.Since(start).Seconds()
	md := markdown(&res)
	fmt.Fprint(stdout, md)
	if err := writeFileAtomic(filepath.Join(*out, "results.md"), func(w io.Writer) error {
		_, err := io.WriteString(w, md)
		return err
	}); err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(*out, "results.json"), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", " ")
		return enc.Encode(res)
	}); err != nil {
		return err
	}
	table := compare.Table{Settings: s.Settings, Models: res.Models, Defenses: res.Fig7, Sheet: meter.NewSheet(test, 0, 3, s.Seed)}
	if err := writeFileAtomic(filepath.Join(*out, "compare.json"), func(w io.Writer) error {
		return json.NewEncoder(w).Encode(table)
	}); err != nil {
		return err
	}
	logf("wrote %s and compare.json (the page's table)", filepath.Join(*out, "results.json"))
	if *quick {
		for _, c := range res.Claims {
			if c.Asserted && !c.Holds {
				return fmt.Errorf("the claim %q does not hold: %s", c.Claim, c.Detail)
			}
		}
	}
	return nil
}

func curveRates(curve []noise.CurvePoint) map[string]rate {
	out := map[string]rate{}
	for _, p := range curve {
		out[key(p.Sigma)] = newRate(p.Correct, p.Total)
	}
	return out
}

// fig2Point and fig4Point are measure's points with the image's index.
type fig2Point struct {
	Index int `json:"index"`
	measure.Fig2Point
}

type fig4Point struct {
	Index int `json:"index"`
	measure.Fig4Point
}

func measureFig2(net *nn.Network, name string, test *data.Set, s reproSettings) []fig2Point {
	ms := clones(net, s.Workers)
	pts := make([]fig2Point, s.Fig2Images)
	parallel(s.Fig2Images, s.Workers, func(w, i int) {
		x := make([]float64, test.Dim())
		y := test.Example(x, i)
		run := measure.NewImageFig2(ms[w], name, i, x, y, s.Fig2Samples, s.Seed)
		step.Run(run)
		pts[i] = fig2Point{i, run.Point()}
	})
	return pts
}

func measureFig4(net *nn.Network, name string, test *data.Set, s reproSettings) []fig4Point {
	ms := clones(net, s.Workers)
	pts := make([]fig4Point, s.Fig4Images)
	parallel(s.Fig4Images, s.Workers, func(w, i int) {
		x := make([]float64, test.Dim())
		y := test.Example(x, i)
		run := measure.NewImageFig4(ms[w], name, i, x, y, s.Fig4Sigma, s.Fig4RateSamples, s.Fig4Starts, s.Seed)
		step.Run(run)
		pts[i] = fig4Point{i, run.Point()}
	})
	return pts
}

// measureLinear compares, for a linear model, the search with the exact
// distance, and Eq. 1's distance -σΦ⁻¹(μ) (μ measured at σ = d/2) with the
// exact distance d.
func measureLinear(name string, net *nn.Network, test *data.Set, s reproSettings) linearRow {
	ms := clones(net, s.Workers)
	search := make([]float64, s.LinearImages)
	eq1 := make([]float64, s.LinearImages)
	half := make([]float64, s.LinearImages)
	parallel(s.LinearImages, s.Workers, func(w, i int) {
		x := make([]float64, test.Dim())
		y := test.Example(x, i)
		exact, _ := attack.LinearNearest(ms[w], x, y)
		search[i], eq1[i], half[i] = math.NaN(), math.NaN(), math.NaN()
		if exact.Distance == 0 {
			return
		}
		got := attack.DefaultSearch.Nearest(ms[w], x, y)
		search[i] = got.Distance / exact.Distance
		sigma := exact.Distance / 2
		r := measure.Rand(s.Seed, measure.KeyLinear, name, i)
		rate := noise.ErrorRate(ms[w], x, y, sigma, s.LinearSamples, r)
		if rate.Errors > 0 {
			eq1[i] = stats.LinearDistance(rate.Mu(), sigma) / exact.Distance
		}
		// The rival class whose half-space is nearest: the class of the exact error.
		z := ms[w].Logits(exact.Adv, 1)
		j := 0
		for c, v := range z {
			if v > z[j] {
				j = c
			}
		}
		if mu := halfSpaceRate(ms[w], x, y, j, sigma, s.LinearSamples, r); mu > 0 {
			half[i] = stats.LinearDistance(mu, sigma) / exact.Distance
		}
	})
	search = slices.DeleteFunc(search, math.IsNaN)
	eq1 = slices.DeleteFunc(eq1, math.IsNaN)
	half = slices.DeleteFunc(half, math.IsNaN)
	row := linearRow{Model: name, Images: len(search), SearchRatio: slices.Max(search)}
	if len(eq1) > 0 {
		row.Eq1Ratio, row.Eq1RatioLo, row.Eq1RatioHi = stats.Median(eq1), stats.Quantile(eq1, 0.25), stats.Quantile(eq1, 0.75)
	}
	if len(half) > 0 {
		row.HalfRatio, row.HalfRatioLo, row.HalfRatioHi = stats.Median(half), stats.Quantile(half, 0.25), stats.Quantile(half, 0.75)
	}
	return row
}
