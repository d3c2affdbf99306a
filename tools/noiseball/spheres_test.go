package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestSpheres: a small run trains, measures and prints μ with its
// interval, the mean nearest error and the bound, with the ratio the
// page shows; the same seed prints the same numbers; bad flags are
// sentences with exit status 2.
func TestSpheres(t *testing.T) {
	args := []string{"spheres", "-n", "20", "-train", "4000", "-epochs", "1", "-samples", "3000", "-points", "5", "-seed", "3", "-workers", "1"}
	code, out, stderr := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	mu := regexp.MustCompile(`mu = ([0-9.e-]+) \(95%: ([0-9.e-]+) to ([0-9.e-]+)\) from 3000 uniform points`).FindStringSubmatch(out)
	if mu == nil {
		t.Fatalf("no error rate in:\n%s", out)
	}
	lo, _ := strconv.ParseFloat(mu[2], 64)
	hi, _ := strconv.ParseFloat(mu[3], 64)
	m, _ := strconv.ParseFloat(mu[1], 64)
	if !(lo <= m && m <= hi) {
		t.Errorf("μ = %v outside its interval %v–%v", m, lo, hi)
	}
	if !strings.Contains(out, "from 5 correctly classified points") {
		t.Errorf("no nearest errors in:\n%s", out)
	}
	if m > 0 && !regexp.MustCompile(`D_cap\(mu\)/\(1-mu\) = [0-9.]+ .*measured mean / bound = [0-9.]+`).MatchString(out) {
		t.Errorf("no bound in:\n%s", out)
	}
	if _, again, _ := runCLI(t, args...); again != out {
		t.Errorf("the same seed printed\n%s\nthen\n%s", out, again)
	}
	for _, bad := range [][]string{{"-n", "1"}, {"-R", "1"}, {"-hidden", "10,x"}, {"-points", "-1"}} {
		code, _, stderr := runCLI(t, append([]string{"spheres"}, bad...)...)
		if code != 2 || !strings.Contains(stderr, bad[0]) {
			t.Errorf("spheres %v: exit %d, %q", bad, code, stderr)
		}
	}
}
