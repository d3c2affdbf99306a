package region

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Family is a one-parameter family of sets whose mass is monotone in the
// size (growing or shrinking), such as disks by radius or half-planes by
// offset.
type Family func(size float64) Set

// Match returns the size in [lo, hi] at which the family's Gaussian mass
// at scale σ is closest to target, by bisection over draws standard
// normal points from r shared by every size (common random numbers), so
// the mass is a step function of the size and the bisection is exact for
// it, returning the side of the last step nearer the target. If the target lies outside the masses at lo and hi, the nearer end
// is returned.
func Match(f Family, lo, hi, target, sigma float64, draws int, r *rand.Rand) float64 {
	if !(lo <= hi) || !(sigma > 0) || draws < 1 {
		panic(fmt.Sprintf("region: match in [%v, %v] at sigma %v with %d draws", lo, hi, sigma, draws))
	}
	pts := make([]Point, draws)
	for i := range pts {
		pts[i] = Point{sigma * r.NormFloat64(), sigma * r.NormFloat64()}
	}
	mass := func(size float64) float64 {
		s, k := f(size), 0
		for _, p := range pts {
			if s.Contains(p) {
				k++
			}
		}
		return float64(k) / float64(len(pts))
	}
	mlo, mhi := mass(lo), mass(hi)
	grows := mhi >= mlo
	if (grows && target <= mlo) || (!grows && target >= mlo) {
		return lo
	}
	if (grows && target >= mhi) || (!grows && target <= mhi) {
		return hi
	}
	for range 60 {
		mid := (lo + hi) / 2
		if m := mass(mid); (m < target) == grows {
			lo, mlo = mid, m
		} else {
			hi, mhi = mid, m
		}
	}
	// The mass jumps somewhere in [lo, hi]: return the side nearer target.
	if math.Abs(mlo-target) < math.Abs(mhi-target) {
		return lo
	}
	return hi
}
