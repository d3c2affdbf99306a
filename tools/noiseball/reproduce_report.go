package main

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"noiseball/core/compare"
	"noiseball/core/corrupt"
	"noiseball/core/stats"
)

func (r *reproResults) model(name string) *compare.Result {
	for i := range r.Models {
		if r.Models[i].Name == name {
			return &r.Models[i]
		}
	}
	return nil
}

// checkClaims states the paper's qualitative findings on this data and
// whether they hold here.
func checkClaims(r *reproResults) []claim {
	var out []claim
	clean, g4 := r.model("cnn-clean"), r.model("cnn-gauss0.4")
	out = append(out, claim{
		Claim:    "Gaussian augmentation increases nearest-error distances",
		Holds:    g4.Nearest.Median > clean.Nearest.Median,
		Asserted: true,
		Detail:   fmt.Sprintf("median clean distance: cnn-gauss0.4 %.3f vs cnn-clean %.3f", g4.Nearest.Median, clean.Nearest.Median),
	})
	sig := "0.5"
	for _, adv := range []string{"cnn-pgd-linf0.1", "cnn-pgd-l2-1.0"} {
		a := r.model(adv)
		out = append(out, claim{
			Claim:    "adversarial training (" + adv + ") improves accuracy in noise",
			Holds:    a.Noise[sig].Value > clean.Noise[sig].Value,
			Asserted: true,
			Detail:   fmt.Sprintf("accuracy at sigma %s: %s %.3f vs cnn-clean %.3f", sig, adv, a.Noise[sig].Value, clean.Noise[sig].Value),
		})
	}
	above, total := 0, 0
	for _, pts := range r.Fig4 {
		for _, p := range pts {
			if p.Mu > 0 && p.Mu < 0.5 {
				total++
			}
			if p.Above {
				above++
			}
		}
	}
	out = append(out, claim{
		Claim:    "no noisy-point median lies above the isoperimetric bound beyond its interval",
		Holds:    above == 0,
		Asserted: true,
		Detail:   fmt.Sprintf("%d of %d images with 0 < mu < 1/2 above the bound", above, total),
	})
	for _, l := range r.Linear {
		out = append(out, claim{
			Claim:    "the search finds the exact nearest error of " + l.Model,
			Holds:    l.SearchRatio <= 1.01,
			Detail:   fmt.Sprintf("largest search/exact ratio %.5f over %d images", l.SearchRatio, l.Images),
			Asserted: true,
		}, claim{
			Claim:    "Eq. 1 gives the distance to a half-space (" + l.Model + ", nearest rival's half-space)",
			Holds:    math.Abs(l.HalfRatio-1) <= 0.05,
			Detail:   fmt.Sprintf("median -σΦ⁻¹(μ)/d = %.3f (quartiles %.3f–%.3f)", l.HalfRatio, l.HalfRatioLo, l.HalfRatioHi),
			Asserted: true,
		})
	}
	for _, d := range []string{"bitdepth3", "jpeg30", "median3"} {
		curve, base := r.Fig7[d], r.Fig7["none"]
		worse := true
		for _, s := range []string{"0.3", "0.4", "0.5"} {
			if curve[s].CI[0] > base[s].CI[1] {
				worse = false
			}
		}
		out = append(out, claim{
			Claim:  "the gradient-masking defense " + d + " does not improve accuracy in noise",
			Holds:  worse,
			Detail: fmt.Sprintf("accuracy at sigma 0.4: %.3f with the defense, %.3f without", curve["0.4"].Value, base["0.4"].Value),
		})
	}
	return out
}

func pct(r rate) string { return fmt.Sprintf("%.1f", 100*r.Value) }

// markdown renders the results as the tables README shows.
func markdown(r *reproResults) string {
	var b strings.Builder
	s := r.Settings
	fmt.Fprintf(&b, "## Robustness of the zoo (Fig. 6 analog)\n\nAccuracy in %%. Clean on %d test images; noise (additive N(0, σ²), no clipping) on %d; corruptions: mean over %d images × 5 severities; PGD (%d steps of eps/25, no random start) on %d; nearest error: median L2 distance over %d images (exact for linear models, search otherwise).\n\n",
		s.CleanImages, s.NoiseImages, s.CorruptImages, s.PGDSteps, s.PGDImages, s.NearestImages)
	head := []string{"model", "clean"}
	for _, sg := range s.NoiseSigmas {
		head = append(head, "σ "+key(sg))
	}
	head = append(head, corrupt.Groups...)
	head = append(head, "corr. mean")
	for _, e := range s.L2Eps {
		head = append(head, "L2 "+key(e))
	}
	for _, e := range s.LinfEps {
		head = append(head, "L∞ "+key(e))
	}
	head = append(head, "nearest")
	row(&b, head)
	row(&b, slices.Repeat([]string{"---"}, len(head)))
	for _, m := range r.Models {
		cells := []string{"`" + m.Name + "`", fmt.Sprintf("%.2f", 100*m.Clean.Value)}
		for _, sg := range s.NoiseSigmas {
			cells = append(cells, pct(m.Noise[key(sg)]))
		}
		for _, g := range corrupt.Groups {
			cells = append(cells, fmt.Sprintf("%.1f", 100*m.Groups[g]))
		}
		cells = append(cells, fmt.Sprintf("%.1f", 100*m.CorruptAll))
		for _, e := range s.L2Eps {
			cells = append(cells, pct(m.L2[key(e)]))
		}
		for _, e := range s.LinfEps {
			cells = append(cells, pct(m.Linf[key(e)]))
		}
		cells = append(cells, fmt.Sprintf("%.3f", m.Nearest.Median))
		row(&b, cells)
	}

	fmt.Fprintf(&b, "\n## Error in noise and nearest errors, per image (Fig. 2 analog)\n\nPer image: σ₁%% at which the error rate in noise reaches 1%% (bisection over %d common noise draws) and the clean nearest-error distance d found by the search (an upper bound). A single half-space has d = 2.326σ₁%% exactly; a ratio above 2.326 means the nearest error is farther than the linear prediction.\n\n", s.Fig2Samples)
	row(&b, []string{"model", "images", "median d / σ₁%", "quartiles", "share with d ≤ 2.326σ₁%"})
	row(&b, []string{"---", "---", "---", "---", "---"})
	for _, name := range s.Fig2Models {
		var ratios []float64
		for _, p := range r.Fig2[name] {
			if p.Sigma1 > 0 && p.Distance > 0 {
				ratios = append(ratios, p.Distance/p.Sigma1)
			}
		}
		if len(ratios) == 0 {
			row(&b, []string{"`" + name + "`", "0", "", "", ""})
			continue
		}
		below := 0
		for _, q := range ratios {
			if q <= -stats.PhiInv(0.01) {
				below++
			}
		}
		row(&b, []string{"`" + name + "`", fmt.Sprint(len(ratios)), fmt.Sprintf("%.3f", stats.Median(ratios)),
			fmt.Sprintf("%.3f–%.3f", stats.Quantile(ratios, 0.25), stats.Quantile(ratios, 0.75)),
			fmt.Sprintf("%d/%d", below, len(ratios))})
	}

	fmt.Fprintf(&b, "\n## Noisy-point distances against the bound (Fig. 4 analog)\n\nσ = %g. Per image: μ from %d noisy copies, the median distance from up to %d correctly classified noisy copies to their nearest errors, and the isoperimetric bound -σΦ⁻¹(μ), which no model can exceed; beside them the L2 radius within which the Gaussian-smoothed classifier (same σ) is certified constant at the clean image (Cohen et al.'s CERTIFY, 100 + %d draws, α = 0.001), which approaches the bound as the draws grow. Images with μ = 0 have no finite bound and are left out; μ ≥ 1/2 gives 0.\n\n",
		s.Fig4Sigma, s.Fig4RateSamples, s.Fig4Starts, s.Fig4RateSamples)
	row(&b, []string{"model", "images with 0 < μ < 1/2", "median of median/bound", "median of certified radius/bound", "above the bound beyond both intervals"})
	row(&b, []string{"---", "---", "---", "---", "---"})
	for _, name := range s.Fig4Models {
		var ratios, certs []float64
		above := 0
		for _, p := range r.Fig4[name] {
			if p.Mu > 0 && p.Mu < 0.5 && p.Bound > 0 && p.Count > 0 {
				ratios = append(ratios, p.Median/p.Bound)
				certs = append(certs, p.Certified/p.Bound)
			}
			if p.Above {
				above++
			}
		}
		med, cert := "–", "–"
		if len(ratios) > 0 {
			med, cert = fmt.Sprintf("%.3f", stats.Median(ratios)), fmt.Sprintf("%.3f", stats.Median(certs))
		}
		row(&b, []string{"`" + name + "`", fmt.Sprint(len(ratios)), med, cert, fmt.Sprint(above)})
	}
	fmt.Fprintf(&b, "\n## Gradient-masking defenses around cnn-clean (Fig. 7 analog)\n\nAccuracy in %% under noise on %d images.\n\n", s.NoiseImages)
	head = []string{"defense"}
	for _, sg := range s.NoiseSigmas {
		head = append(head, "σ "+key(sg))
	}
	row(&b, head)
	row(&b, slices.Repeat([]string{"---"}, len(head)))
	for _, d := range []string{"none", "bitdepth3", "jpeg30", "median3"} {
		cells := []string{d}
		for _, sg := range s.NoiseSigmas {
			cells = append(cells, pct(r.Fig7[d][key(sg)]))
		}
		row(&b, cells)
	}

	fmt.Fprintf(&b, "\n## Linear models: the search and Eq. 1 against exact distances\n\nOver %d test images with exact nearest-error distance d: the largest ratio of the search's distance to d; then, at σ = d/2 with %d draws, Eq. 1's distance -σΦ⁻¹(μ) over d, once with μ the mass of the nearest rival's half-space alone (exactly 1 in expectation) and once with μ the model's whole error rate (below 1: the other classes' half-spaces add error mass, so a softmax regression is not one half-space).\n\n", s.LinearImages, s.LinearSamples)
	row(&b, []string{"model", "images", "max search/exact", "Eq. 1, one half-space: median (quartiles)", "Eq. 1, whole error set: median (quartiles)"})
	row(&b, []string{"---", "---", "---", "---", "---"})
	for _, l := range r.Linear {
		row(&b, []string{"`" + l.Model + "`", fmt.Sprint(l.Images), fmt.Sprintf("%.5f", l.SearchRatio),
			fmt.Sprintf("%.3f (%.3f–%.3f)", l.HalfRatio, l.HalfRatioLo, l.HalfRatioHi),
			fmt.Sprintf("%.3f (%.3f–%.3f)", l.Eq1Ratio, l.Eq1RatioLo, l.Eq1RatioHi)})
	}

	fmt.Fprintf(&b, "\n## Slices (Fig. 3 analog)\n\nThe plane through a clean test digit spanned by the direction to its nearest error (horizontal) and a random noise direction (vertical), colored by predicted class; the red circle is the noise ball of radius σ√n at σ = %g, the white mark the clean digit, the black mark its nearest error: %s.\n", s.Fig4Sigma, strings.Join(r.Slices, ", "))
	fmt.Fprintf(&b, "\nFigures: %s.\n", strings.Join(r.Plots, ", "))
	fmt.Fprintf(&b, "\n## The paper's claims on this data\n\n")
	for _, c := range r.Claims {
		mark := "holds"
		if !c.Holds {
			mark = "**does not hold** on MNIST"
		}
		fmt.Fprintf(&b, "- %s: %s (%s)\n", c.Claim, mark, c.Detail)
	}
	fmt.Fprintf(&b, "\n%s run: %.0f s on %d workers, seed %d.\n", map[bool]string{true: "Quick", false: "Default"}[s.Quick], r.Seconds, s.Workers, s.Seed)
	return b.String()
}

func row(b *strings.Builder, cells []string) {
	b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}
