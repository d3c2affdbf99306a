package scene

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"noiseball/core/stats"
	"noiseball/wasm/state"
)

// TestDefaultsAreCanonical: every declared default passes its own
// validation, so a bare link is never reported as a problem.
func TestDefaultsAreCanonical(t *testing.T) {
	for _, sc := range Scenes {
		for _, p := range sc.Params {
			if c, err := p.Canonical(p.Default); err != nil || c != p.Default {
				t.Errorf("%s.%s: default %q is not canonical (%q, %v)", sc.ID, p.Name, p.Default, c, err)
			}
			if p.Kind == state.Choice && len(p.ChoiceLabels) != len(p.Choices) {
				t.Errorf("%s.%s: %d labels for %d choices", sc.ID, p.Name, len(p.ChoiceLabels), len(p.Choices))
			}
		}
	}
}

func TestNoiseBallEq1BothWays(t *testing.T) {
	sc := Find(NoiseBallID)
	s, _ := state.Parse("scene=noiseball&n=100&sigma=0.5&d=1", Scenes)
	var b NoiseBall
	b.Apply(s)
	if want := stats.Phi(-2); math.Abs(b.Mu-want) > 1e-15 {
		t.Errorf("mu = %v, want Φ(-2) = %v", b.Mu, want)
	}
	if s.Values["mu"] != "0.0228" {
		t.Errorf("derived mu written as %q", s.Values["mu"])
	}
	unit := b.Unit
	s.Set(sc, "fix", "mu")
	s.Set(sc, "mu", "0.01")
	s.Set(sc, "sigma", "0.2")
	b.Apply(s)
	if want := 0.2 * 2.3263478740408408; math.Abs(b.D-want) > 1e-12 {
		t.Errorf("d = %v, want %v", b.D, want)
	}
	if &b.Unit[0] != &unit[0] {
		t.Error("changing σ or μ redrew the samples; they should only rescale")
	}
	s.Set(sc, "n", "1000000")
	b.Apply(s)
	if math.Abs(b.Radius()-200) > 1e-9 {
		t.Errorf("radius %v, want 0.2·1000", b.Radius())
	}
	sum := 0.0
	for _, p := range b.Unit {
		sum += p.R
	}
	if mean := sum / float64(len(b.Unit)); math.Abs(mean-1000) > 1 {
		t.Errorf("mean orthogonal norm %v at unit scale, want about √(n-1) ≈ 1000", mean)
	}
}

// TestNoiseBallSamplesAgreeWithMu: at μ = 16% the drawn error fraction
// lies in its own 99.9% interval around Φ(-d/σ).
func TestNoiseBallSamplesAgreeWithMu(t *testing.T) {
	s, _ := state.Parse("scene=noiseball&n=784&sigma=0.5&d=0.5&seed=3", Scenes)
	var b NoiseBall
	b.Apply(s)
	k := b.Errors()
	if iv := stats.ClopperPearson(k, len(b.Unit), 0.999); b.Mu < iv.Lo || b.Mu > iv.Hi {
		t.Errorf("%d of %d errors; μ = %v outside %+v", k, len(b.Unit), b.Mu, iv)
	}
	h := b.Histogram(-2, 2, 40)
	total, errs := 0, 0
	for i, c := range h {
		total += c
		if i < 20 {
			errs += c
		}
	}
	if total != len(b.Unit) || errs != k {
		t.Errorf("histogram holds %d samples with %d left of 0; want %d and %d", total, errs, len(b.Unit), k)
	}
	var csv, js bytes.Buffer
	if err := b.WriteCSV(&csv); err != nil || strings.Count(csv.String(), "\n") != ShellSamples+1 {
		t.Errorf("CSV: %v, %d lines", err, strings.Count(csv.String(), "\n"))
	}
	var back map[string]any
	if err := b.WriteJSON(&js); err != nil || json.Unmarshal(js.Bytes(), &back) != nil || back["scene"] != NoiseBallID {
		t.Errorf("JSON: %v, %s", err, js.String())
	}
	if !strings.Contains(b.Summary(), "σ√n = 14") {
		t.Errorf("summary %q", b.Summary())
	}
}

func TestIsoShapesAndMatch(t *testing.T) {
	sc := Find(IsoperimetryID)
	for _, shape := range Shapes {
		s := state.Defaults(sc)
		s.Set(sc, "shape", shape)
		if shape == "paint" {
			bits := make([]bool, PaintW*PaintH)
			for i := 30; i < 40; i++ {
				bits[18*PaintW+i] = true
			}
			s.Set(sc, "paint", state.EncodeBits(bits))
		}
		c := NewIso(s)
		size, err := c.Match(0.02)
		if err != nil {
			t.Fatal(err)
		}
		if r := RoundForLink(sc.Param(c.SizeParam()), size); r != size || len(state.FormatNumber(size)) > 8 {
			t.Errorf("%s: matched size %v is not rounded for a link", shape, size)
		}
		s.Set(sc, c.SizeParam(), state.FormatNumber(size))
		c = NewIso(s)
		m, err := c.Meter()
		if err != nil {
			t.Fatal(err)
		}
		m.Draw(1 << 30)
		res := NewIsoResult(c, m.Result(ExpansionEps()))
		// Counted on the measurement's own points, the matched mass is
		// the target to within the rounding of the size; a painting grows
		// by whole rings of cells, so its mass moves in steps of a
		// percent or two.
		tol := 0.0005
		if shape == "paint" {
			tol = 0.02
		}
		if math.Abs(float64(res.Mu)-0.02) > tol {
			t.Errorf("%s: matched mass %v, want 0.02", shape, res.Mu)
		}
		if float64(res.MedianCI[0]) > stats.MedianBound(float64(res.MuCI[0]), c.Sigma) {
			t.Errorf("%s: median %v above the bound %v", shape, res.Median, res.Bound)
		}
	}
}

// TestIsoResultJSONWithInfiniteBound: an empty painting has μ = 0 and an
// infinite bound, which travels as null and comes back as +Inf.
func TestIsoResultJSONWithInfiniteBound(t *testing.T) {
	sc := Find(IsoperimetryID)
	s := state.Defaults(sc)
	s.Set(sc, "shape", "paint")
	c := NewIso(s)
	c.Samples = 1000
	m, _ := c.Meter()
	m.Draw(1000)
	res := NewIsoResult(c, m.Result(ExpansionEps()))
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var back IsoResult
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !math.IsInf(float64(back.Bound), 1) || back.Mu != 0 || len(back.Expansion) != 61 || !strings.Contains(back.Summary(), "no bound to compare with") {
		t.Errorf("round trip: bound %v, mu %v, %d expansion points; %s", back.Bound, back.Mu, len(back.Expansion), back.Summary())
	}
	c.Paint = "!!"
	if _, err := c.Meter(); err == nil {
		t.Error("a broken painting was accepted")
	}
}

// TestIsoSummaryAboveOneHalf: a set holding half the mass or more has
// median distance 0, and the summary says the bound says nothing there
// (not "infinite", not a ratio to a bound of 0 or below).
func TestIsoSummaryAboveOneHalf(t *testing.T) {
	r := IsoResult{Mu: 0.5077, Median: 0, Bound: Float(-0.3 * stats.PhiInv(0.5077)), Samples: 100000}
	got := r.Summary()
	if !strings.Contains(got, "half or more of the noisy points lie in the set") || strings.Contains(got, "infinite") || strings.Contains(got, "ratio") {
		t.Errorf("μ = 0.5077: %s", got)
	}
}

// TestZooModelsShipped: every model the page offers is a file the page
// serves.
func TestZooModelsShipped(t *testing.T) {
	for _, m := range ZooModels {
		if _, err := os.Stat(filepath.Join("..", "..", "site", "assets", "models", m+".safetensors")); err != nil {
			t.Errorf("model %s: %v", m, err)
		}
	}
}

// TestEmbedSnippet: the snippet escapes its link and title and carries
// the iframe and the sizing script.
func TestEmbedSnippet(t *testing.T) {
	s := EmbedSnippet(`https://x.org/nb/#scene=slice&embed=1"><script>`, "A & B")
	for _, want := range []string{`src="https://x.org/nb/#scene=slice&amp;embed=1&#34;&gt;&lt;script&gt;"`, `title="Noise Ball: A &amp; B"`, "height:640px", "noiseballHeight"} {
		if !strings.Contains(s, want) {
			t.Errorf("snippet %s lacks %s", s, want)
		}
	}
}
