package main

import (
	"encoding/json"
	"strings"
	"testing"

	"noiseball/core/compare"
)

// TestCompareCommand: the command prints a model's comparison with the
// page's settings as JSON, and refuses unknown settings.
func TestCompareCommand(t *testing.T) {
	code, out, stderr := runCLI(t, "compare", "-model", "linear-clean", "-workers", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r compare.Result
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Name != "linear-clean" || r.Clean.N != compare.Page.CleanImages || len(r.Noise) != len(compare.Page.NoiseSigmas) ||
		r.Nearest.Method != "exact" || !(r.Clean.Value > 0.85) || !(r.Noise["0.8"].Value < r.Clean.Value) {
		t.Errorf("result %+v", r)
	}
	if code, _, stderr := runCLI(t, "compare", "-model", "linear-clean", "-settings", "huge"); code != 2 || !strings.Contains(stderr, "want page, quick or full") {
		t.Errorf("-settings huge: exit %d, %q", code, stderr)
	}
}
