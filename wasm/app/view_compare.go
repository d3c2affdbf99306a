//go:build js && wasm

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"noiseball/core/compare"
	"noiseball/core/data"
	"noiseball/wasm/jobs"
	"noiseball/wasm/scene"
	"noiseball/wasm/state"
)

// measuredHere is a model's result measured in the page, with the
// weights it was measured on (the visitor's model changes when they
// train another).
type measuredHere struct {
	weights []byte
	res     compare.Result
}

// compareView shows up to four models side by side on one of the
// paper's comparisons: the zoo's numbers as shipped (from `noiseball
// reproduce`), the visitor's model (and, asked, every model) measured in
// workers with compare.Page's settings.
type compareView struct {
	a      *app
	v      scene.CompareView
	here   map[string]measuredHere
	tasks  map[string]*task
	asked  map[string]bool // the long measurements the visitor started
	sheet  [][]float64     // the shipped contact sheet's images, decoded once
	thumbs thumbs
}

func newCompareView(a *app) *compareView {
	return &compareView{a: a, here: map[string]measuredHere{}, tasks: map[string]*task{}, asked: map[string]bool{}, thumbs: thumbs{}}
}

func (v *compareView) apply(s state.State) {
	v.v.C = scene.NewCompare(s)
	v.v.Results = map[string]*compare.Result{}
	byID("figure").Call("removeAttribute", "data-measured")
}

func (v *compareView) summary() string { return v.v.Summary(userModelName) }

func (v *compareView) caption() string {
	return "The paper's second argument, model against model: Gaussian augmentation buys accuracy in noise and under corruptions, " +
		"adversarial training buys robustness to the attack it trained on, and both move the nearest error away. Defenses that " +
		"mask gradients do not help in noise in the paper (ImageNet and CIFAR-10); on MNIST a median filter does help in noise, " +
		"because it removes exactly the independent pixel noise it is tested on: a finding that does not transfer. " +
		"Zoo numbers are shipped from `noiseball reproduce`; your model is measured here, with fewer digits and 20-step PGD."
}

func (v *compareView) actions() []action {
	return []action{{"Train a model to compare", "to-train", "Open the Train scene: your model then joins this comparison", func() {
		v.a.open("#scene=train")
	}}}
}

func (v *compareView) cancel() {
	for m, t := range v.tasks {
		v.a.pool.cancel(t)
		delete(v.tasks, m)
	}
	v.a.showJob("", 0, 0)
}

func (v *compareView) busy() (*task, float64, float64) {
	for _, t := range v.tasks {
		return t, 30 * v.a.dpr, 30 * v.a.dpr
	}
	return nil, 0, 0
}

func (v *compareView) leave() { v.cancel() }

func (v *compareView) exports() exporter {
	if !v.v.Ready() {
		return nil
	}
	return &v.v
}

func (v *compareView) grabs(x, y float64) bool { return false }

// table returns the shipped comparison (nil until here).
func (v *compareView) table() *compare.Table {
	if v.v.Table != nil {
		return v.v.Table
	}
	b, settled := v.a.lib.optionalFile("assets/results/compare.json", "the zoo's comparison")
	if !settled {
		return nil
	}
	var t compare.Table
	if b == nil || json.Unmarshal(b, &t) != nil {
		v.a.problem("The zoo's comparison (assets/results/compare.json) is missing or unreadable; choose “measured here” to measure the models in this page.")
		return nil
	}
	v.v.Table = &t
	return v.v.Table
}

func (v *compareView) update(p pointer, w, h float64) bool {
	changed := false
	t := v.table()
	for _, m := range v.v.C.Models {
		if v.v.Results[m] != nil {
			continue
		}
		if !v.v.C.MeasuredHere(m) {
			if t != nil {
				if r := t.Model(m); r != nil {
					v.v.Results[m], changed = r, true
				}
			}
			continue
		}
		weights, net := v.a.lib.model(m)
		if weights == nil {
			continue
		}
		if got, ok := v.here[m]; ok && bytes.Equal(got.weights, weights) {
			r := got.res
			v.v.Results[m], changed = &r, true
			continue
		}
		if v.tasks[m] != nil {
			continue
		}
		n := scene.CompareDigits(compare.Page)
		test := v.a.lib.testDigits(n)
		if test == nil {
			continue
		}
		est := publishEstimate(scene.CompareEstimate(compare.Page, net.Cost().FLOPs, v.a.pool.speed()))
		if est > scene.AskAbove && !v.asked[m] {
			model := m
			v.a.ask(fmt.Sprintf("Measuring %s here would take %s on one worker.", scene.Label(m, userModelName), scene.About(est)), func() {
				v.asked[model] = true
			})
			continue
		}
		labels, pixels := packDigits(test, 0, n)
		model := m
		v.tasks[m] = startJob(v.a, jobs.Compare, scene.CompareParams{Model: m, Settings: compare.Page},
			&jobs.Inputs{Labels: labels, Pixels: pixels, Weights: weights}, "Measuring "+scene.Label(m, userModelName), "The measurement of "+m,
			func(r compare.Result, final bool) {
				if final {
					v.here[model] = measuredHere{weights, r}
				}
			}, func() { delete(v.tasks, model) })
		v.tasks[m].estimate = est
	}
	if v.v.Ready() && len(v.tasks) == 0 && !byID("figure").Call("hasAttribute", "data-measured").Bool() {
		// Shipped numbers are here at once: the figure is complete.
		byID("figure").Call("setAttribute", "data-measured", "0")
		v.a.sayNow = true
	}
	return changed
}

func (v *compareView) draw(dst *ebiten.Image, s float64) {
	b := dst.Bounds()
	W, H := float64(b.Dx()), float64(b.Dy())
	left, right := 8*s, W-8*s
	// The legend: one entry per model, its color, where the numbers
	// come from.
	var items []legendItem
	for i, m := range v.v.C.Models {
		name := scene.Label(m, userModelName)
		if v.v.C.MeasuredHere(m) {
			name += " (measured here)"
		}
		c := seriesColors[i]
		items = append(items, legendItem{name, func(dst *ebiten.Image, x, y, s float64) { line(dst, x-6*s, y, x+6*s, y, 3*s, c) }})
	}
	top := 4 * s
	if v.v.View() != "defense" {
		top = legend(dst, items, left, top, right-left, s) + 8*s
	}
	if !v.v.Ready() {
		label(dst, "measuring…", W/2, (top+H)/2, 0.5, 0.5, s, faint)
		return
	}
	h := H - top - 6*s
	switch v.v.View() {
	case "noise":
		v.lines(dst, left, top, right-left, h, s, "Accuracy in Gaussian noise", "σ of the noise", 0.8,
			func(r *compare.Result) ([]float64, []float64) { return curve(r.Clean.Value, r.Noise) })
	case "pgd":
		gap := 24 * s
		cw := (right - left - gap) / 2
		v.lines(dst, left, top, cw, h, s, "Under L2 PGD", "ε (L2)", 2,
			func(r *compare.Result) ([]float64, []float64) { return curve(r.Clean.Value, r.L2) })
		v.lines(dst, left+cw+gap, top, cw, h, s, "Under L∞ PGD", "ε (L∞)", 0.3,
			func(r *compare.Result) ([]float64, []float64) { return curve(r.Clean.Value, r.Linf) })
	case "corruption":
		sheetW := math.Min(0.36*(right-left), 5*(28*s*1.5+6*s))
		v.bars(dst, left, top, right-left-sheetW-16*s, h, s)
		v.contactSheet(dst, right-sheetW, top, sheetW, h, s)
	case "nearest":
		v.nearest(dst, left, top, right-left, h, s)
	case "defense":
		v.defenses(dst, left, top, right-left, H-top-6*s, s)
	}
}

// curve returns the points (0, clean) and (key, rate) of a map keyed by
// σ or ε, in order of the key.
func curve(clean float64, m map[string]compare.Rate) (xs, ys []float64) {
	keys := make([]float64, 0, len(m))
	for k := range m {
		x, _ := strconv.ParseFloat(k, 64)
		keys = append(keys, x)
	}
	slices.Sort(keys)
	xs, ys = []float64{0}, []float64{clean}
	for _, x := range keys {
		xs, ys = append(xs, x), append(ys, m[compare.Key(x)].Value)
	}
	return xs, ys
}

// polyline draws the points (xs, ys) joined, each marked with a dot.
func polyline(dst *ebiten.Image, ax, ay axis, xs, ys []float64, width float64, c color.Color) {
	for j := range xs {
		if j > 0 {
			line(dst, ax.px(xs[j-1]), ay.px(ys[j-1]), ax.px(xs[j]), ay.px(ys[j]), width, c)
		}
		dot(dst, ax.px(xs[j]), ay.px(ys[j]), 1.4*width, c)
	}
}

// lines draws each model's accuracy curve in a chart from 0 to xmax.
func (v *compareView) lines(dst *ebiten.Image, x, y, w, h, s float64, title, xname string, xmax float64, of func(*compare.Result) ([]float64, []float64)) {
	ax, ay, plot := chartFrame(dst, x, y, w, h, s, title, xname, 0, xmax, 0, 1, number)
	for i, m := range v.v.C.Models {
		xs, ys := of(v.v.Results[m])
		polyline(dst, ax, ay, xs, ys, 2.5*s, seriesColors[i])
	}
	frame(dst, plot.x, plot.y, plot.w, plot.h, 1*s, faint)
	plotArea(plot.x, plot.y, plot.w, plot.h, s)
}

// corruptionGroups are the suite's groups in the order drawn, then the
// mean.
var corruptionGroups = []string{"noise", "blur", "fog+contrast", "geometric", "other", "mean"}

// groupLabel names a corruption group under its bars.
func groupLabel(g string) string {
	if g == "fog+contrast" {
		return "fog"
	}
	return g
}

// bars draws each model's mean accuracy by corruption group.
func (v *compareView) bars(dst *ebiten.Image, x, y, w, h, s float64) {
	_, ay, plot := chartFrame(dst, x, y, w, h, s, "Accuracy under the corruptions, by group (five severities)", "", 0, 1, 0, 1, func(float64) string { return "" })
	n := len(v.v.C.Models)
	slot := plot.w / float64(len(corruptionGroups))
	// Where the group names do not fit side by side (a phone), every
	// other one goes a line lower, in the room of the axis name.
	stagger := false
	for _, name := range corruptionGroups {
		stagger = stagger || textWidth(groupLabel(name), s)+6*s > slot
	}
	bw := math.Min(slot*0.8/float64(n), 18*s)
	for g, name := range corruptionGroups {
		x0 := plot.x + float64(g)*slot + (slot-bw*float64(n))/2
		for i, m := range v.v.C.Models {
			r := v.v.Results[m]
			val := r.CorruptAll
			if name != "mean" {
				val = r.Groups[name]
			}
			box(dst, x0+float64(i)*bw, ay.px(val), bw-1*s, ay.px(0)-ay.px(val), seriesColors[i])
		}
		ly := plot.y + plot.h + 3*s
		if stagger && g%2 == 1 {
			ly += lineHeight(s) + 2*s
		}
		labelWithin(dst, groupLabel(name), plot.x+(float64(g)+0.5)*slot, ly, 0.5, 0, x, x+w, s, faint)
	}
	frame(dst, plot.x, plot.y, plot.w, plot.h, 1*s, faint)
	plotArea(plot.x, plot.y, plot.w, plot.h, s)
}

// contactSheet draws the shipped contact sheet: a test digit clean and
// under every corruption of the suite (Fig. 6's examples).
func (v *compareView) contactSheet(dst *ebiten.Image, x, y, w, h, s float64) {
	sh := v.v.Table.Sheet
	const d = data.MNISTPixels
	n := len(sh.Pixels) / d
	if n == 0 || len(sh.Names) != n {
		return
	}
	if v.sheet == nil {
		for i := range n {
			img := make([]float64, d)
			data.BytesToPixels(img, sh.Pixels[i*d:(i+1)*d])
			v.sheet = append(v.sheet, img)
		}
	}
	y = wrapped(dst, fmt.Sprintf("Test digit %d under each corruption (severity %d)", sh.Digit, sh.Severity), x, y, w, s, ink) + 4*s
	cols := 5
	cell := w / float64(cols)
	scale := math.Min((cell-4*s)/28, (h-(lineHeight(s)+6*s))/math.Ceil(float64(n)/float64(cols))/28)
	for i, img := range v.sheet {
		v.thumbs.image(dst, "sheet-"+sh.Names[i], img, nil, x+float64(i%cols)*cell, y+float64(i/cols)*(28*scale+4*s), scale)
	}
}

// nearest draws each model's median distance to the nearest error,
// with its 95% interval, as horizontal bars.
func (v *compareView) nearest(dst *ebiten.Image, x, y, w, h, s float64) {
	top := 0.5
	for _, m := range v.v.C.Models {
		n := v.v.Results[m].Nearest
		top = math.Max(top, math.Max(n.Median, n.CI[1]))
	}
	ax, _, plot := chartFrame(dst, x, y, w, h, s, "Median L2 distance from clean test digits to their nearest errors (95% interval)", "distance", 0, top*1.1, 0, 1, number)
	rowH := plot.h / float64(len(v.v.C.Models))
	for i, m := range v.v.C.Models {
		n := v.v.Results[m].Nearest
		cy := plot.y + (float64(i)+0.5)*rowH
		if n.Median >= 0 {
			box(dst, plot.x, cy-rowH*0.2, ax.px(n.Median)-plot.x, rowH*0.4, seriesColors[i])
			label(dst, scene.Num(n.Median), ax.px(n.Median)+4*s, cy, 0, 0.5, s, ink)
		}
		if n.CI[0] >= 0 && n.CI[1] >= 0 {
			line(dst, ax.px(n.CI[0]), cy, ax.px(n.CI[1]), cy, 2*s, ink)
		}
	}
	frame(dst, plot.x, plot.y, plot.w, plot.h, 1*s, faint)
	plotArea(plot.x, plot.y, plot.w, plot.h, s)
}

// defenses draws cnn-clean's accuracy in noise behind each shipped
// input transform (Fig. 7 right).
func (v *compareView) defenses(dst *ebiten.Image, x, y, w, h, s float64) {
	names := v.v.Defenses()
	var items []legendItem
	for i, name := range names {
		c := seriesColors[i%len(seriesColors)]
		items = append(items, legendItem{name, func(dst *ebiten.Image, x, y, s float64) { line(dst, x-6*s, y, x+6*s, y, 3*s, c) }})
	}
	y0 := y
	y = legend(dst, items, x, y, w, s) + 8*s
	clean := v.v.Table.Model("cnn-clean")
	ax, ay, plot := chartFrame(dst, x, y, w, h-(y-y0), s, "cnn-clean behind gradient-masking input transforms: accuracy in noise", "σ of the noise", 0, 0.8, 0, 1, number)
	for i, name := range names {
		xs, ys := curve(math.NaN(), v.v.Table.Defenses[name])
		xs, ys = xs[1:], ys[1:]
		if name == "none" && clean != nil {
			xs, ys = append([]float64{0}, xs...), append([]float64{clean.Clean.Value}, ys...)
		}
		polyline(dst, ax, ay, xs, ys, 2.5*s, seriesColors[i%len(seriesColors)])
	}
	frame(dst, plot.x, plot.y, plot.w, plot.h, 1*s, faint)
	plotArea(plot.x, plot.y, plot.w, plot.h, s)
}
