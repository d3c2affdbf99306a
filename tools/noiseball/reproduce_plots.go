package main

import (
	"image/color"
	"io"
	"math"
	"path/filepath"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"noiseball/core/slice"
	"noiseball/core/stats"
)

// seriesColor returns the slice palette's color for series i, so that the
// figures and the slices agree.
func seriesColor(i int) color.RGBA { return slice.Palette[i%len(slice.Palette)] }

// savePlot writes p as a PNG of 5×3.5 inches into dir/name.
func savePlot(p *plot.Plot, dir, name string) error {
	w, err := p.WriterTo(5*vg.Inch, 3.5*vg.Inch, "png")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, name), func(out io.Writer) error {
		_, err := w.WriteTo(out)
		return err
	})
}

func scatter(p *plot.Plot, name string, i int, xys plotter.XYs) error {
	if len(xys) == 0 {
		return nil
	}
	s, err := plotter.NewScatter(xys)
	if err != nil {
		return err
	}
	s.GlyphStyle.Color = seriesColor(i)
	s.GlyphStyle.Shape = draw.CircleGlyph{}
	s.GlyphStyle.Radius = vg.Points(2.5)
	p.Add(s)
	p.Legend.Add(name, s)
	return nil
}

// writePlots writes fig2.png, fig4.png and fig7.png into dir.
func writePlots(dir string, r *reproResults) ([]string, error) {
	// Fig. 2: σ at 1% error against the clean nearest-error distance.
	p := plot.New()
	p.Title.Text = "Fig. 2 analog: error in noise vs nearest error"
	p.X.Label.Text = "σ at which the error rate in noise is 1%"
	p.Y.Label.Text = "distance to the nearest error (L2)"
	maxS := 0.0
	for i, name := range r.Settings.Fig2Models {
		var xys plotter.XYs
		for _, pt := range r.Fig2[name] {
			if pt.Sigma1 > 0 && pt.Distance > 0 {
				xys = append(xys, plotter.XY{X: pt.Sigma1, Y: pt.Distance})
				maxS = math.Max(maxS, pt.Sigma1)
			}
		}
		if err := scatter(p, name, i, xys); err != nil {
			return nil, err
		}
	}
	line := plotter.NewFunction(func(s float64) float64 { return -stats.PhiInv(0.01) * s })
	line.XMin, line.XMax = 0, maxS
	line.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(line)
	p.Legend.Add("linear model: d = 2.326σ", line)
	p.Legend.Top, p.Legend.Left = true, true
	if err := savePlot(p, dir, "fig2.png"); err != nil {
		return nil, err
	}

	// Fig. 4: error rate in noise against the median noisy-point distance.
	sigma := r.Settings.Fig4Sigma
	p = plot.New()
	p.Title.Text = "Fig. 4 analog: noisy-point distances vs the bound (σ = " + strconv.FormatFloat(sigma, 'g', -1, 64) + ")"
	p.X.Label.Text = "error rate in noise μ"
	p.Y.Label.Text = "median noisy-point distance"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{}
	minMu := 0.5
	for i, name := range r.Settings.Fig4Models {
		var xys plotter.XYs
		for _, pt := range r.Fig4[name] {
			if pt.Mu > 0 && pt.Mu < 0.5 && pt.Count > 0 {
				xys = append(xys, plotter.XY{X: pt.Mu, Y: pt.Median})
				minMu = math.Min(minMu, pt.Mu)
			}
		}
		if err := scatter(p, name, i, xys); err != nil {
			return nil, err
		}
	}
	bound := plotter.NewFunction(func(mu float64) float64 { return stats.MedianBound(mu, sigma) })
	bound.XMin, bound.XMax = math.Min(minMu, 1e-3), 0.5
	bound.Samples = 200
	p.Add(bound)
	p.X.Min, p.X.Max = bound.XMin, bound.XMax
	p.Y.Min = 0
	p.Legend.Add("bound -σ·Phi^-1(μ)", bound)
	if err := savePlot(p, dir, "fig4.png"); err != nil {
		return nil, err
	}

	// Fig. 7: accuracy against σ for the zoo and the defenses.
	p = plot.New()
	p.Title.Text = "Fig. 7 analog: accuracy in noise"
	p.X.Label.Text = "σ of the additive Gaussian noise"
	p.Y.Label.Text = "accuracy"
	addCurve := func(name string, i int, acc map[string]rate, dashed bool) error {
		var xys plotter.XYs
		for _, sg := range r.Settings.NoiseSigmas {
			xys = append(xys, plotter.XY{X: sg, Y: acc[key(sg)].Value})
		}
		l, err := plotter.NewLine(xys)
		if err != nil {
			return err
		}
		l.Color = seriesColor(i)
		l.Width = vg.Points(1.5)
		if dashed {
			l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		}
		p.Add(l)
		p.Legend.Add(name, l)
		return nil
	}
	for i, m := range r.Models {
		if err := addCurve(m.Name, i, m.Noise, false); err != nil {
			return nil, err
		}
	}
	for i, d := range []string{"bitdepth3", "jpeg30", "median3"} {
		if err := addCurve("cnn-clean+"+d, len(r.Models)+i, r.Fig7[d], true); err != nil {
			return nil, err
		}
	}
	p.Legend.Left = true
	p.Legend.Top = false
	p.Y.Min, p.Y.Max = 0, 1
	if err := savePlot(p, dir, "fig7.png"); err != nil {
		return nil, err
	}
	return []string{"fig2.png", "fig4.png", "fig7.png"}, nil
}
