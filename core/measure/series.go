package measure

import (
	"math"

	"noiseball/core/stats"
)

// NearFactor is how far from the isoperimetric bound a median distance
// may lie and still count as near it: Bound/NearFactor ≤ Median ≤
// NearFactor·Bound. (Eq. 3 makes the bound an upper limit: every error
// set's median lies at or below it, a half-space's on it.)
const NearFactor = 1.25

// Series is one model's points on test images 0 to len(Points)-1, as
// `noiseball bound` writes it and the page shows, exports and ships
// precomputed (site/assets/results/bound-MODEL.json).
type Series struct {
	Model    string   `json:"model"`
	Settings Settings `json:"settings"`
	Points   []Point  `json:"points"`
}

// Summary condenses a Series into the numbers the page's live region and
// the command line print.
type Summary struct {
	Images int `json:"images"`
	// Fig. 4: over images with a median and a finite positive bound,
	// the median of Median/Bound, how many lie within NearFactor of the
	// bound, and how many are flagged Above.
	Ratios      int     `json:"ratios"`
	MedianRatio float64 `json:"median_ratio"` // 0 when Ratios is 0
	Near        int     `json:"near_bound"`
	Above       int     `json:"above_bound"`
	// Fig. 2: over images with both numbers, the median of d/σ₁%
	// (2.326 for a half-space).
	Fig2      int     `json:"fig2_images"`
	Fig2Ratio float64 `json:"fig2_median_ratio"` // 0 when Fig2 is 0
	// Smoothing: images with a positive certified radius, and the
	// median of those radii (0 when there are none).
	Certified   int     `json:"certified"`
	MedianCertR float64 `json:"median_certified_radius"`
}

// Summarize returns the Summary of the points.
func Summarize(points []Point) Summary {
	s := Summary{Images: len(points)}
	var ratios, fig2, cert []float64
	for _, p := range points {
		if r := p.Ratio(); !math.IsNaN(r) {
			ratios = append(ratios, r)
			if r <= NearFactor && r >= 1/NearFactor {
				s.Near++
			}
		}
		if p.Above {
			s.Above++
		}
		if p.Sigma1 > 0 && p.Distance > 0 {
			fig2 = append(fig2, p.Distance/p.Sigma1)
		}
		if p.Certified > 0 {
			cert = append(cert, p.Certified)
		}
	}
	s.Ratios, s.Fig2, s.Certified = len(ratios), len(fig2), len(cert)
	if len(ratios) > 0 {
		s.MedianRatio = stats.Median(ratios)
	}
	if len(fig2) > 0 {
		s.Fig2Ratio = stats.Median(fig2)
	}
	if len(cert) > 0 {
		s.MedianCertR = stats.Median(cert)
	}
	return s
}
