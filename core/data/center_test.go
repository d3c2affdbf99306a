package data

import (
	"math"
	"math/rand/v2"
	"testing"
)

// centerSlow is CenterDigit's slow reference: each output pixel of the
// scaled box is the mean of the source sampled at 64×64 points spread
// over the area it covers, the same shift rule follows.
func centerSlow(src []float64, w, h int) []float64 {
	x0, y0, x1, y1 := w, h, -1, -1
	for y := range h {
		for x := range w {
			if src[y*w+x] > 0 {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			}
		}
	}
	bw, bh := x1-x0+1, y1-y0+1
	scale := MNISTBox / float64(max(bw, bh))
	ow := max(1, min(MNISTBox, int(math.Round(float64(bw)*scale))))
	oh := max(1, min(MNISTBox, int(math.Round(float64(bh)*scale))))
	box := make([]float64, ow*oh)
	const k = 64
	var mass, mx, my float64
	for i := range oh {
		for j := range ow {
			sum := 0.0
			for a := range k {
				for b := range k {
					sx := (float64(j) + (float64(b)+0.5)/k) * float64(bw) / float64(ow)
					sy := (float64(i) + (float64(a)+0.5)/k) * float64(bh) / float64(oh)
					sum += src[(y0+int(sy))*w+x0+int(sx)]
				}
			}
			v := math.Min(1, sum/(k*k))
			box[i*ow+j] = v
			mass += v
			mx += v * (float64(j) + 0.5)
			my += v * (float64(i) + 0.5)
		}
	}
	out := make([]float64, 784)
	ox, oy := int(math.Round(14.5-mx/mass)), int(math.Round(14.5-my/mass))
	for i := range oh {
		for j := range ow {
			if x, y := ox+j, oy+i; x >= 0 && x < 28 && y >= 0 && y < 28 {
				out[y*28+x] = box[i*ow+j]
			}
		}
	}
	return out
}

// strokes draws a random scribble of thick segments on a w×h canvas.
func strokes(r *rand.Rand, w, h int) []float64 {
	src := make([]float64, w*h)
	x, y := r.Float64()*float64(w), r.Float64()*float64(h)
	for range 6 {
		nx, ny := r.Float64()*float64(w), r.Float64()*float64(h)
		for t := 0.0; t <= 1; t += 0.01 {
			cx, cy := x+t*(nx-x), y+t*(ny-y)
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					px, py := int(cx)+dx, int(cy)+dy
					if px >= 0 && px < w && py >= 0 && py < h && dx*dx+dy*dy <= 4 {
						src[py*w+px] = 1
					}
				}
			}
		}
		x, y = nx, ny
	}
	return src
}

// TestCenterDigitMatchesSupersampling compares the exact area average
// with point supersampling on random scribbles, including small ones that
// are scaled up.
func TestCenterDigitMatchesSupersampling(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 30 {
		w, h := 56, 56
		if trial%3 == 1 {
			w, h = 13, 9 // scaled up
		}
		src := strokes(r, w, h)
		got := make([]float64, 784)
		if !CenterDigit(got, src, w, h) {
			t.Fatal("a scribble has no ink")
		}
		want := centerSlow(src, w, h)
		worst := 0.0
		for i := range got {
			worst = math.Max(worst, math.Abs(got[i]-want[i]))
		}
		if worst > 0.03 {
			t.Errorf("trial %d (%d×%d): largest difference %v from supersampling", trial, w, h, worst)
		}
	}
}

// TestCenterDigitGeometry: the ink's longer side becomes 20 pixels with
// its aspect kept, and its center of mass lands within half a pixel of
// pixel (14, 14)'s center; empty drawings report false.
func TestCenterDigitGeometry(t *testing.T) {
	src := make([]float64, 56*56)
	for y := 5; y < 45; y++ { // a 10×40 bar, off center
		for x := 3; x < 13; x++ {
			src[y*56+x] = 1
		}
	}
	dst := make([]float64, 784)
	CenterDigit(dst, src, 56, 56)
	x0, y0, x1, y1 := 28, 28, -1, -1
	var mass, mx, my float64
	for y := range 28 {
		for x := range 28 {
			if v := dst[y*28+x]; v > 0 {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
				mass += v
				mx += v * (float64(x) + 0.5)
				my += v * (float64(y) + 0.5)
			}
		}
	}
	if y1-y0+1 != 20 || x1-x0+1 != 5 || math.Abs(mass-100) > 1e-9 {
		t.Errorf("box %d×%d, mass %v; want 5×20 and 100", x1-x0+1, y1-y0+1, mass)
	}
	if math.Abs(mx/mass-14.5) > 0.5 || math.Abs(my/mass-14.5) > 0.5 {
		t.Errorf("center of mass (%v, %v)", mx/mass, my/mass)
	}
	if CenterDigit(dst, make([]float64, 56*56), 56, 56) {
		t.Error("an empty drawing reported ink")
	}
	for _, v := range dst {
		if v != 0 {
			t.Fatal("an empty drawing left ink in dst")
		}
	}
}
