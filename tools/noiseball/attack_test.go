package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func attackJSON(t *testing.T, args ...string) []map[string]any {
	t.Helper()
	code, out, stderr := runCLI(t, append([]string{"attack"}, args...)...)
	if code != 0 {
		t.Fatalf("attack %q: exit %d: %s", args, code, stderr)
	}
	var recs []map[string]any
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		t.Fatalf("attack output is not a JSON array: %v\n%s", err, out)
	}
	return recs
}

// TestAttackInterface pins the stable JSON of 'noiseball attack' and
// checks that the default search agrees with the exact distance of the
// linear model.
func TestAttackInterface(t *testing.T) {
	exact := attackJSON(t, "-model", "linear-clean", "-first", "10", "-n", "3")
	search := attackJSON(t, "-model", "linear-clean", "-first", "10", "-n", "3", "-method", "search")
	if len(exact) != 3 || len(search) != 3 {
		t.Fatalf("%d and %d records for 3 images", len(exact), len(search))
	}
	for i := range exact {
		for _, k := range []string{"index", "label", "distance", "method"} {
			if _, ok := exact[i][k]; !ok {
				t.Errorf("record %d lacks %q", i, k)
			}
		}
		if exact[i]["method"] != "exact" || search[i]["method"] != "search" || exact[i]["index"].(float64) != float64(10+i) {
			t.Errorf("records %v / %v", exact[i], search[i])
		}
		e, s := exact[i]["distance"].(float64), search[i]["distance"].(float64)
		if s < e*(1-1e-9) || s > 1.01*e {
			t.Errorf("image %d: search %v, exact %v", 10+i, s, e)
		}
	}
	noisy := attackJSON(t, "-model", "linear-clean", "-n", "1", "-from", "noisy", "-sigma", "0.5", "-samples", "4", "-rate-samples", "300")
	for _, k := range []string{"sigma", "mu", "mu_ci", "samples", "count", "distance"} {
		if _, ok := noisy[0][k]; !ok {
			t.Errorf("noisy record lacks %q: %v", k, noisy[0])
		}
	}
	if mu := noisy[0]["mu"].(float64); mu > 0 && mu < 0.5 {
		// A linear model attains the bound: the median sits near it.
		d, b := noisy[0]["distance"].(float64), noisy[0]["bound"].(float64)
		if math.Abs(d-b) > 0.5*b {
			t.Errorf("linear model: median %v far from the bound %v", d, b)
		}
	}
}

func TestAttackUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"attack", "-model", "linear-clean", "-from", "dirty"},
		{"attack", "-model", "linear-clean", "-method", "magic"},
		{"attack", "-model", "cnn-clean", "-method", "exact"},
		{"attack", "-model", "linear-clean", "-first", "-1"},
		{"attack", "-model", "linear-clean", "-sigma", "0"},
	} {
		if code, _, stderr := runCLI(t, args...); code != 2 || !strings.Contains(stderr, "attack") {
			t.Errorf("%q: exit %d, %q", args, code, stderr)
		}
	}
}
