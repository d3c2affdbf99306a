package scene

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"noiseball/core/compare"
	"noiseball/wasm/state"
)

// TestCompareReadsItsLink: the models come in order without "none" or
// repeats; the visitor's model is always measured here, the zoo's only
// when asked; the summary and the exports read the results.
func TestCompareReadsItsLink(t *testing.T) {
	s, problems := state.Parse("#scene=compare&m1=cnn-clean&m2=none&m3=file&m4=cnn-clean&view=pgd", Scenes)
	if len(problems) > 0 {
		t.Fatal(state.Sentence(problems))
	}
	c := NewCompare(s)
	if strings.Join(c.Models, ",") != "cnn-clean,file" || c.View != "pgd" || c.Here {
		t.Errorf("%+v", c)
	}
	if c.MeasuredHere("cnn-clean") || !c.MeasuredHere(UserModel) {
		t.Error("where the numbers come from")
	}
	v := CompareView{C: c, Results: map[string]*compare.Result{}}
	if v.Ready() || !strings.HasPrefix(v.Summary(""), "Comparing") {
		t.Error("ready without results")
	}
	r := compare.Result{Name: "x", Clean: compare.NewRate(9, 10), L2: map[string]compare.Rate{"1": compare.NewRate(3, 10)},
		Linf: map[string]compare.Rate{"0.1": compare.NewRate(1, 10)}, Nearest: compare.Nearest{Median: -1, CI: [2]float64{0.5, -1}}}
	v.Results["cnn-clean"], v.Results[UserModel] = &r, &r
	if !v.Ready() {
		t.Fatal("not ready with both results")
	}
	if got := v.Summary("mine"); !strings.Contains(got, "mine: 30.0% under L2 PGD at ε = 1, 10.0% under L∞") {
		t.Errorf("summary %q", got)
	}
	var b bytes.Buffer
	if err := v.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 1+2*4 || rows[4][1] != "nearest_median" || rows[4][3] != "" || rows[4][4] != "0.5" {
		t.Errorf("CSV %v (%v)", rows, err)
	}
	// A CNN measured with the page's settings: on Go's kernels long
	// enough to be asked for, about twice as long as on the SIMD kernel.
	simd, goK := CompareEstimate(compare.Page, 1.6e6, SpeedOf("simd128")), CompareEstimate(compare.Page, 1.6e6, SpeedOf("go"))
	if !(goK > AskAbove && goK < 300 && goK > 2*simd) {
		t.Errorf("estimate %v s on Go's kernels, %v s on the SIMD kernel", goK, simd)
	}
	if CompareDigits(compare.Page) != 1000 {
		t.Errorf("digits %d", CompareDigits(compare.Page))
	}
}
