package main

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"noiseball/core/measure"
)

// TestBoundInterface: 'noiseball bound' writes a measure.Series whose
// points do not depend on the worker count, and names bad settings.
func TestBoundInterface(t *testing.T) {
	read := func(args ...string) measure.Series {
		t.Helper()
		code, out, stderr := runCLI(t, append([]string{"bound", "-model", "linear-clean", "-n", "4", "-rate-samples", "300", "-fig2-samples", "100"}, args...)...)
		if code != 0 {
			t.Fatalf("bound %q: exit %d: %s", args, code, stderr)
		}
		if !strings.Contains(stderr, "median distance/bound") {
			t.Errorf("no summary on stderr: %q", stderr)
		}
		var s measure.Series
		if err := json.Unmarshal([]byte(out), &s); err != nil {
			t.Fatalf("bound output is not a series: %v\n%s", err, out)
		}
		return s
	}
	one, two := read("-workers", "1"), read("-workers", "2")
	if !reflect.DeepEqual(one, two) {
		t.Errorf("1 worker:  %+v\n2 workers: %+v", one, two)
	}
	if len(one.Points) != 4 || one.Model != "linear-clean" || one.Settings.RateSamples != 300 {
		t.Fatalf("series %+v", one)
	}
	for i, p := range one.Points {
		if p.Index != i || p.Mu < 0 || p.Mu > 1 || p.Distance < 0 || p.Sigma1 < 0 {
			t.Errorf("point %d: %+v", i, p)
		}
	}
	file := filepath.Join(t.TempDir(), "b.json")
	if code, out, stderr := runCLI(t, "bound", "-model", "linear-clean", "-n", "1", "-out", file); code != 0 || out != "" {
		t.Errorf("-out: exit %d, stdout %q, %s", code, out, stderr)
	}
	for _, args := range [][]string{
		{"bound", "-model", "linear-clean", "-sigma", "0"},
		{"bound", "-model", "linear-clean", "-starts", "0"},
		{"bound", "-model", "linear-clean", "-n", "0"},
		{"bound", "-model", "linear-clean", "-workers", "0"},
	} {
		if code, _, stderr := runCLI(t, args...); code != 2 || !strings.Contains(stderr, "bound") {
			t.Errorf("%q: exit %d, %q", args, code, stderr)
		}
	}
}
