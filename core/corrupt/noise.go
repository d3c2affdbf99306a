package corrupt

import (
	"math"
	"math/rand/v2"
)

// gaussianNoise adds N(0, c²) per pixel, c = 0.08 … 0.38.
func gaussianNoise(dst, src []float64, s int, r *rand.Rand) {
	c := level(s, [5]float64{0.08, 0.12, 0.18, 0.26, 0.38})
	for i, v := range src {
		dst[i] = v + float64(c*r.NormFloat64())
	}
}

// shotNoise replaces each pixel by Poisson(λx)/λ, λ = 12 … 1 (photon
// counting noise; lower than ImageNet-C's 60 … 3 because only MNIST's
// strokes are lit, so the noise has fewer pixels to show on).
func shotNoise(dst, src []float64, s int, r *rand.Rand) {
	lambda := level(s, [5]float64{12, 6, 4, 2, 1})
	for i, v := range src {
		dst[i] = float64(poisson(r, lambda*v)) / lambda
	}
}

// poisson draws from Poisson(mean) by Knuth's product method (means here
// are at most 60).
func poisson(r *rand.Rand, mean float64) int {
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// impulseNoise sets a fraction a = 0.03 … 0.27 of pixels to 0 or 1 (salt
// and pepper).
func impulseNoise(dst, src []float64, s int, r *rand.Rand) {
	a := level(s, [5]float64{0.03, 0.06, 0.09, 0.17, 0.27})
	for i, v := range src {
		switch u := r.Float64(); {
		case u < a/2:
			dst[i] = 0
		case u < a:
			dst[i] = 1
		default:
			dst[i] = v
		}
	}
}

// speckleNoise multiplies noise into the image: x + x·N(0, c²), c = 0.3 … 1.
func speckleNoise(dst, src []float64, s int, r *rand.Rand) {
	c := level(s, [5]float64{0.3, 0.45, 0.6, 0.8, 1.0})
	for i, v := range src {
		dst[i] = v + float64(v*c*r.NormFloat64())
	}
}
