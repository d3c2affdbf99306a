package noise

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"noiseball/core/slice"
)

// TestShellMatchesFullDraws compares Shell with its slow reference: draw
// δ in all n dimensions, project on a random unit normal e and measure
// the rest. The two-sample Kolmogorov-Smirnov distance of U and of R must
// stay under the 0.1% critical value 1.95·√(2/m).
func TestShellMatchesFullDraws(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const m = 4000
	for _, n := range []int{1, 2, 10, 200} {
		e := slice.RandomDirection(r, n)
		u, rr := make([]float64, m), make([]float64, m)
		d := make([]float64, n)
		for k := range m {
			dot := 0.0
			for i := range d {
				d[i] = r.NormFloat64()
				dot += d[i] * e[i]
			}
			rest := 0.0
			for i := range d {
				v := d[i] - dot*e[i]
				rest += v * v
			}
			u[k], rr[k] = dot, math.Sqrt(rest)
		}
		pts := make([]ShellPoint, m)
		Shell(pts, n, r)
		su, sr := make([]float64, m), make([]float64, m)
		for k, p := range pts {
			su[k], sr[k] = p.U, p.R
		}
		crit := 1.95 * math.Sqrt(2.0/m)
		if ks := ks2(u, su); ks > crit {
			t.Errorf("n %d: U differs from the projection (KS %.4f)", n, ks)
		}
		if ks := ks2(rr, sr); ks > crit && n > 1 {
			t.Errorf("n %d: R differs from the rest's norm (KS %.4f)", n, ks)
		}
	}
}

// ks2 is the two-sample Kolmogorov-Smirnov distance of equal-size samples.
func ks2(a, b []float64) float64 {
	a, b = slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b))
	i, j, d := 0, 0, 0.0
	for i < len(a) && j < len(b) {
		if a[i] <= b[j] {
			i++
		} else {
			j++
		}
		d = math.Max(d, math.Abs(float64(i-j))/float64(len(a)))
	}
	return d
}
