package corrupt

import (
	"math"
	"math/rand/v2"
)

// affine resamples src through the inverse map (y, x) → center +
// m·((y, x) - center) + (ty, tx), bilinearly, zero outside.
func affine(dst, src []float64, m [2][2]float64, ty, tx float64) {
	c := float64(Side-1) / 2
	for y := range Side {
		for x := range Side {
			py, px := float64(y)-c-ty, float64(x)-c-tx
			sy := float64(m[0][0]*py) + float64(m[0][1]*px) + c
			sx := float64(m[1][0]*py) + float64(m[1][1]*px) + c
			dst[y*Side+x] = bilinear(src, sy, sx)
		}
	}
}

// sign returns ±1 at random.
func sign(r *rand.Rand) float64 {
	if r.IntN(2) == 0 {
		return -1
	}
	return 1
}

// rotate turns the digit by ±10° … ±50° about the center.
func rotate(dst, src []float64, s int, r *rand.Rand) {
	deg := sign(r) * level(s, [5]float64{10, 20, 30, 40, 50})
	t := deg * math.Pi / 180
	affine(dst, src, [2][2]float64{{math.Cos(t), -math.Sin(t)}, {math.Sin(t), math.Cos(t)}}, 0, 0)
}

// shear slants the digit horizontally by a factor ±0.15 … ±0.75.
func shear(dst, src []float64, s int, r *rand.Rand) {
	k := sign(r) * level(s, [5]float64{0.15, 0.3, 0.45, 0.6, 0.75})
	affine(dst, src, [2][2]float64{{1, 0}, {k, 1}}, 0, 0)
}

// scaleImage shrinks or enlarges the digit by a factor 0.85 … 0.45 or
// 1.15 … 1.55 about the center.
func scaleImage(dst, src []float64, s int, r *rand.Rand) {
	d := level(s, [5]float64{0.15, 0.25, 0.35, 0.45, 0.55})
	f := 1 - d
	if r.IntN(2) == 1 {
		f = 1 + d
	}
	affine(dst, src, [2][2]float64{{1 / f, 0}, {0, 1 / f}}, 0, 0)
}

// translate shifts the digit by 2 … 6 pixels in a random direction.
func translate(dst, src []float64, s int, r *rand.Rand) {
	d := level(s, [5]float64{2, 3, 4, 5, 6})
	t := 2 * math.Pi * r.Float64()
	affine(dst, src, [2][2]float64{{1, 0}, {0, 1}}, d*math.Sin(t), d*math.Cos(t))
}
