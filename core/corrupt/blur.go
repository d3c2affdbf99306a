package corrupt

import (
	"math"
	"math/rand/v2"
)

// gaussianKernel returns a normalized (2k+1)² Gaussian kernel of standard
// deviation sd pixels, k = ⌈3sd⌉.
func gaussianKernel(sd float64) ([]float64, int) {
	k := int(math.Ceil(3 * sd))
	w := 2*k + 1
	kern := make([]float64, w*w)
	sum := 0.0
	for u := -k; u <= k; u++ {
		for v := -k; v <= k; v++ {
			g := math.Exp(-float64(u*u+v*v) / (2 * sd * sd))
			kern[(u+k)*w+v+k] = g
			sum += g
		}
	}
	for i := range kern {
		kern[i] /= sum
	}
	return kern, k
}

// gaussianBlur convolves with a Gaussian of 0.4 … 1.6 pixels.
func gaussianBlur(dst, src []float64, s int, _ *rand.Rand) {
	kern, k := gaussianKernel(level(s, [5]float64{0.4, 0.6, 0.8, 1.1, 1.6}))
	convolve(dst, src, kern, k)
}

// motionBlur averages along a line of 3 … 11 pixels at a random angle,
// as a camera moving during exposure.
func motionBlur(dst, src []float64, s int, r *rand.Rand) {
	length := level(s, [5]float64{3, 5, 7, 9, 11})
	theta := math.Pi * r.Float64()
	dy, dx := math.Sin(theta), math.Cos(theta)
	taps := int(length)
	for y := range Side {
		for x := range Side {
			sum := 0.0
			for t := range taps {
				off := float64(t) - float64((length-1)/2)
				sum += bilinear(src, float64(y)+float64(off*dy), float64(x)+float64(off*dx))
			}
			dst[y*Side+x] = sum / float64(taps)
		}
	}
}

// glassBlur blurs, swaps each pixel with a random neighbour within δ = 1 … 2
// pixels for 1 … 3 rounds, and blurs again, like frosted glass.
func glassBlur(dst, src []float64, s int, r *rand.Rand) {
	params := [5][3]float64{{0.5, 1, 1}, {0.6, 1, 2}, {0.6, 2, 1}, {0.7, 2, 2}, {0.8, 2, 3}}[s-1]
	kern, k := gaussianKernel(params[0])
	tmp := make([]float64, len(src))
	convolve(tmp, src, kern, k)
	delta := int(params[1])
	for range int(params[2]) {
		for y := Side - delta - 1; y >= delta; y-- {
			for x := Side - delta - 1; x >= delta; x-- {
				ny := y + r.IntN(2*delta+1) - delta
				nx := x + r.IntN(2*delta+1) - delta
				tmp[y*Side+x], tmp[ny*Side+nx] = tmp[ny*Side+nx], tmp[y*Side+x]
			}
		}
	}
	convolve(dst, tmp, kern, k)
}
