package scene

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"noiseball/core/measure"
	"noiseball/wasm/state"
)

// TestBoundParams: the defaults are reproduce's settings at σ = 0.3 on
// one model; a compared model joins unless it is the same one.
func TestBoundParams(t *testing.T) {
	sc := Find(BoundID)
	b := NewBound(state.Defaults(sc))
	if b.Settings != measure.DefaultSettings || len(b.Models) != 1 || b.Images != 50 || b.View != "fig4" || b.Smooth {
		t.Errorf("defaults %+v", b)
	}
	s, _ := state.Parse("#scene=bound&model=cnn-clean&compare=cnn-pgd-l2-1.0&sigma=0.5&seed=4", Scenes)
	b = NewBound(s)
	if len(b.Models) != 2 || b.Models[1] != "cnn-pgd-l2-1.0" || b.Settings.Sigma != 0.5 || b.Settings.Seed != 4 {
		t.Errorf("parsed %+v", b)
	}
	s, _ = state.Parse("#scene=bound&model=file&compare=cnn-clean&compare2=cnn-gauss0.4&compare3=cnn-clean", Scenes)
	if b := NewBound(s); strings.Join(b.Models, ",") != "file,cnn-clean,cnn-gauss0.4" {
		t.Errorf("four choices, one repeated: %v", b.Models)
	}
	s, _ = state.Parse("#scene=bound&model=cnn-clean&compare=cnn-clean", Scenes)
	if b := NewBound(s); len(b.Models) != 1 {
		t.Errorf("comparing a model with itself gave %v", b.Models)
	}
	if Relevant(BoundID, s, "smooth") != true {
		t.Error("smoothing hidden on Fig. 4")
	}
	s.Values["view"] = "fig2"
	if Relevant(BoundID, s, "smooth") {
		t.Error("smoothing shown on Fig. 2, which has no place for it")
	}
}

// TestBoundShippedResults: every zoo model ships results that fit the
// scene's default settings and image count, written by 'noiseball bound'.
func TestBoundShippedResults(t *testing.T) {
	def := NewBound(state.Defaults(Find(BoundID)))
	for _, m := range ZooModels {
		b, err := os.ReadFile(filepath.Join("..", "..", "site", "assets", "results", "bound-"+m+".json"))
		if err != nil {
			t.Errorf("%s: %v (regenerate with make results)", m, err)
			continue
		}
		var s measure.Series
		if err := json.Unmarshal(b, &s); err != nil || s.Model != m || s.Settings != def.Settings || len(s.Points) != def.Images {
			t.Errorf("%s: %d points at %+v (%v); the page wants %d at %+v", m, len(s.Points), s.Settings, err, def.Images, def.Settings)
			continue
		}
		for i, p := range s.Points {
			if p.Index != i {
				t.Errorf("%s: point %d has index %d", m, i, p.Index)
			}
		}
	}
}

// TestBoundExports: the summary, CSV and JSON of a two-model result.
func TestBoundExports(t *testing.T) {
	pt := func(i int, median, bound float64) measure.Point {
		return measure.Point{Index: i, Label: i % 10, Fig4Point: measure.Fig4Point{Mu: 0.01, Median: median, Bound: bound, Count: 8, Certified: 0.3},
			Fig2Point: measure.Fig2Point{Sigma1: 0.2, Distance: 0.5}}
	}
	b := NewBound(state.Defaults(Find(BoundID)))
	b.Models, b.Smooth = []string{"cnn-clean", UserModel}, true
	r := &BoundResult{Params: b, Source: []string{"precomputed", "partial"}, Series: []measure.Series{
		{Model: "cnn-clean", Settings: b.Settings, Points: []measure.Point{pt(0, 0.5, 0.7), pt(1, 0.6, 0.7)}},
		{Model: UserModel, Settings: b.Settings, Points: []measure.Point{pt(0, 0.7, 0.7)}}}}
	sum := r.Summary()
	for _, want := range []string{"cnn-clean at σ = 0.3 (precomputed by noiseball bound)", "0.7857 times the bound", "your model at σ = 0.3 (measuring here, 1 of 50 digits so far)",
		"Fig. 2: the clean nearest error is a median 2.5 times", "Smoothing certifies 2 of 2 digits"} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary %q lacks %q", sum, want)
		}
	}
	if strings.Contains(sum, "μ = 0") {
		t.Errorf("summary %q explains a stack at μ = 0 that is not there", sum)
	}
	// A robust model: most digits at μ = 0, which the summary explains.
	robust := *r
	robust.Series = []measure.Series{{Model: "cnn-gauss0.4", Settings: b.Settings, Points: []measure.Point{pt(0, 0.5, 0.7), pt(1, 0.6, 0.7), pt(2, 0.6, 0.7)}}}
	robust.Series[0].Points[1].Mu, robust.Series[0].Points[2].Mu = 0, 0
	if got := robust.Summary(); !strings.Contains(got, "2 of 3 digits had no noisy copy in error (μ = 0") || !strings.Contains(got, "raise σ") {
		t.Errorf("robust summary %q", got)
	}
	var csvOut bytes.Buffer
	if err := r.WriteCSV(&csvOut); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil || len(rows) != 4 || len(rows[1]) != len(rows[0]) || rows[3][0] != UserModel || rows[3][1] != "partial" {
		t.Errorf("CSV %v, %v", rows, err)
	}
	var js bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Scene string `json:"scene"`
		BoundResult
	}
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Scene != BoundID || len(back.Series) != 2 || back.Series[0].Points[1] != r.Series[0].Points[1] {
		t.Errorf("JSON %s: %v", js.Bytes(), err)
	}
}

// TestBoundCSVMissingIsEmpty: a quantity that does not exist (no bound
// at μ = 0, no distance found) is an empty CSV field, not -1.
func TestBoundCSVMissingIsEmpty(t *testing.T) {
	r := &BoundResult{Series: []measure.Series{{Model: "cnn-clean", Points: []measure.Point{{Index: 3}}}}, Source: []string{"measured"}}
	r.Series[0].Points[0].Bound, r.Series[0].Points[0].BoundHi = -1, -1
	r.Series[0].Points[0].Sigma1, r.Series[0].Points[0].Distance = -1, 1.5
	var b strings.Builder
	if err := r.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("CSV %q: %v", b.String(), err)
	}
	col := map[string]string{}
	for i, h := range rows[0] {
		col[h] = rows[1][i]
	}
	if col["bound"] != "" || col["bound_hi"] != "" || col["sigma_at_1pct"] != "" || col["distance"] != "1.5" || strings.Contains(b.String(), "-1") {
		t.Errorf("row %v", col)
	}
}
