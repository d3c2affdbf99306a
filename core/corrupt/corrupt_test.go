package corrupt

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// ring returns a synthetic digit: a bright ring of radius 7 around the
// center, 2 pixels wide, anti-aliased.
func ring() []float64 {
	img := make([]float64, Side*Side)
	for y := range Side {
		for x := range Side {
			d := math.Hypot(float64(y)-13.5, float64(x)-13.5)
			img[y*Side+x] = math.Max(0, 1-math.Abs(d-7)/1.5)
		}
	}
	return img
}

func l2(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += (a[i] - b[i]) * (a[i] - b[i])
	}
	return math.Sqrt(s)
}

// TestEveryCorruption: pixels stay in [0,1], the same seed gives the same
// image, severity 5 changes the digit, and the mean change grows with
// severity (allowing 10% sampling slack between neighbours).
func TestEveryCorruption(t *testing.T) {
	src := ring()
	seen := map[string]bool{}
	for _, c := range Suite() {
		if seen[c.Name] || !slices.Contains(Groups, c.Group) {
			t.Errorf("%s: duplicate name or unknown group %q", c.Name, c.Group)
		}
		seen[c.Name] = true
		prev := 0.0
		for s := 1; s <= Severities; s++ {
			mean := 0.0
			for k := range 30 {
				dst := make([]float64, len(src))
				c.Apply(dst, src, s, rand.New(rand.NewPCG(uint64(k), 9)))
				for _, v := range dst {
					if !(v >= 0 && v <= 1) {
						t.Fatalf("%s severity %d: pixel %v outside [0,1]", c.Name, s, v)
					}
				}
				again := make([]float64, len(src))
				c.Apply(again, src, s, rand.New(rand.NewPCG(uint64(k), 9)))
				if !slices.Equal(dst, again) {
					t.Fatalf("%s severity %d: the same seed gave different images", c.Name, s)
				}
				mean += l2(dst, src) / 30
			}
			if mean < 0.9*prev {
				t.Errorf("%s: mean change %.3f at severity %d, %.3f at %d", c.Name, mean, s, prev, s-1)
			}
			if s == Severities && mean < 0.5 {
				t.Errorf("%s: severity 5 changes the digit by only %.3f", c.Name, mean)
			}
			prev = mean
		}
	}
	if len(seen) != 19 {
		t.Errorf("%d corruptions, want 19", len(seen))
	}
}

func TestKnownEffects(t *testing.T) {
	src := ring()
	dst := make([]float64, len(src))
	mean := func(x []float64) float64 {
		s := 0.0
		for _, v := range x {
			s += v
		}
		return s / float64(len(x))
	}
	c, _ := Find("contrast")
	c.Apply(dst, src, 3, nil)
	if math.Abs(mean(dst)-mean(src)) > 1e-12 {
		t.Error("contrast moved the mean")
	}
	c, _ = Find("gaussian_blur")
	c.Apply(dst, src, 2, nil)
	if math.Abs(mean(dst)-mean(src)) > 1e-9 {
		t.Errorf("blur changed the total brightness of a centered digit: %v vs %v", mean(dst), mean(src))
	}
	c, _ = Find("pixelate")
	c.Apply(dst, src, 3, nil) // 4-pixel blocks
	if dst[0] != dst[3*Side+3] || dst[4*Side+4] != dst[7*Side+7] {
		t.Error("pixelate blocks are not constant")
	}
	JPEG(dst, src, 100)
	if d := l2(dst, src); d > 0.2 {
		t.Errorf("JPEG at quality 100 moved the digit by %v", d)
	}
	if _, err := Find("fisheye"); err == nil {
		t.Error("Find accepted an unknown name")
	}
}
