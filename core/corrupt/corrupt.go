package corrupt

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Side is the width and height of the images the suite corrupts.
const Side = 28

// Severities is the number of severity levels, 1 (mild) to 5 (strong).
const Severities = 5

// Corruption is one corruption of the suite.
type Corruption struct {
	Name  string
	Group string // "noise", "blur", "fog+contrast", "geometric" or "other"
	// apply writes the corrupted src into dst (both Side×Side) at
	// severity s in 1..5.
	apply func(dst, src []float64, s int, r *rand.Rand)
}

// Apply writes src corrupted at severity (1 to 5) into dst, both 28×28
// pixels in [0,1]. It panics on other sizes or severities (caller bugs).
func (c Corruption) Apply(dst, src []float64, severity int, r *rand.Rand) {
	if len(src) != Side*Side || len(dst) != Side*Side || severity < 1 || severity > Severities {
		panic(fmt.Sprintf("corrupt: %s at severity %d on %d pixels", c.Name, severity, len(src)))
	}
	c.apply(dst, src, severity, r)
	for i, v := range dst {
		dst[i] = min(max(v, 0), 1)
	}
}

// Groups lists the groups in the order of the paper's Fig. 6 tables.
var Groups = []string{"noise", "blur", "fog+contrast", "geometric", "other"}

// Suite returns every corruption, grouped.
func Suite() []Corruption {
	return []Corruption{
		{"gaussian_noise", "noise", gaussianNoise},
		{"shot_noise", "noise", shotNoise},
		{"impulse_noise", "noise", impulseNoise},
		{"speckle_noise", "noise", speckleNoise},
		{"gaussian_blur", "blur", gaussianBlur},
		{"motion_blur", "blur", motionBlur},
		{"glass_blur", "blur", glassBlur},
		{"contrast", "fog+contrast", contrast},
		{"brightness", "fog+contrast", brightness},
		{"fog", "fog+contrast", fog},
		{"rotate", "geometric", rotate},
		{"shear", "geometric", shear},
		{"scale", "geometric", scaleImage},
		{"translate", "geometric", translate},
		{"pixelate", "other", pixelate},
		{"jpeg", "other", jpegCompress},
		{"stripe", "other", stripe},
		{"zigzag", "other", zigzag},
		{"dotted_line", "other", dottedLine},
	}
}

// Find returns the corruption named name.
func Find(name string) (Corruption, error) {
	for _, c := range Suite() {
		if c.Name == name {
			return c, nil
		}
	}
	return Corruption{}, fmt.Errorf("corrupt: no corruption named %q", name)
}

// level picks the parameter of severity s from five values.
func level(s int, v [5]float64) float64 { return v[s-1] }

// at reads pixel (y, x) with zero outside the image.
func at(img []float64, y, x int) float64 {
	if y < 0 || y >= Side || x < 0 || x >= Side {
		return 0
	}
	return img[y*Side+x]
}

// bilinear samples img at real coordinates (y, x), zero outside.
func bilinear(img []float64, y, x float64) float64 {
	y0, x0 := math.Floor(y), math.Floor(x)
	fy, fx := y-y0, x-x0
	iy, ix := int(y0), int(x0)
	return float64((1-fy)*(float64((1-fx)*at(img, iy, ix))+float64(fx*at(img, iy, ix+1)))) +
		float64(fy*(float64((1-fx)*at(img, iy+1, ix))+float64(fx*at(img, iy+1, ix+1))))
}

// convolve writes src convolved with a (2k+1)² kernel into dst, zero
// padded.
func convolve(dst, src, kernel []float64, k int) {
	w := 2*k + 1
	for y := range Side {
		for x := range Side {
			s := 0.0
			for u := -k; u <= k; u++ {
				for v := -k; v <= k; v++ {
					s += float64(kernel[(u+k)*w+v+k] * at(src, y+u, x+v))
				}
			}
			dst[y*Side+x] = s
		}
	}
}
