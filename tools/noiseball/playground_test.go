package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestPlaygroundCLI: a run prints the reading as JSON, with μ in [0, 1],
// an ordered sampled interval and the grid's size; bad
// flags are sentences with exit status 2.
func TestPlaygroundCLI(t *testing.T) {
	code, out, stderr := runCLI(t, "playground", "-data", "blobs", "-epochs", "5", "-x", "0", "-y", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r struct {
		Data  string     `json:"data"`
		Mu    float64    `json:"mu"`
		CI    [2]float64 `json:"mu_sampled_ci95"`
		Cells int        `json:"grid_cells_a_side"`
		Bound *float64   `json:"bound"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if r.Data != "blobs" || r.Mu < 0 || r.Mu > 1 || r.CI[0] > r.CI[1] || r.Cells != 192 {
		t.Errorf("reading %+v", r)
	}
	for _, bad := range [][]string{{"-data", "xor"}, {"-train", "magic"}, {"-sigma", "0"}, {"-width", "1000"}} {
		code, _, stderr := runCLI(t, append([]string{"playground"}, bad...)...)
		if code != 2 || !strings.Contains(stderr, strings.TrimPrefix(bad[0], "-")) {
			t.Errorf("playground %v: exit %d, %q", bad, code, stderr)
		}
	}
}
