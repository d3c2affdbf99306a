package measure_test

import (
	"encoding/json"
	"testing"

	"noiseball/core/assettest"
	"noiseball/core/measure"
)

// TestShippedPointsRecompute: two points of the results the page ships
// (site/assets/results, written by 'make results') come out of a fresh
// native measurement, equal up to the last bits of the intervals (see
// Point.Agrees). A change to the protocol, its sizes, its seeds' keys or
// the models fails here before it silently disagrees with the page.
func TestShippedPointsRecompute(t *testing.T) {
	test := assettest.TestSet(t)
	for _, c := range []struct {
		model string
		index int
	}{{"linear-clean", 1}, {"cnn-clean", 8}} {
		var s measure.Series
		if err := json.Unmarshal(assettest.Read(t, "results/bound-"+c.model+".json"), &s); err != nil {
			t.Fatalf("%s: %v", c.model, err)
		}
		want := s.Points[c.index]
		x := make([]float64, test.Dim())
		y := test.Example(x, c.index)
		got := measure.Run(assettest.Model(t, c.model), c.model, c.index, x, y, s.Settings)
		if !got.Agrees(want) {
			t.Errorf("%s, digit %d: measured %+v\nshipped %+v", c.model, c.index, got, want)
		}
	}
}
