//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"noiseball/core/data"
	"noiseball/core/measure"
	"noiseball/core/stats"
	"noiseball/wasm/jobs"
	"noiseball/wasm/scene"
	"noiseball/wasm/state"
)

// seriesColors tell models apart where several share axes (the bound
// and compare scenes), in order: Paul Tol's bright scheme without its
// yellow, too faint on white.
var seriesColors = []color.RGBA{blue, {0xcc, 0x77, 0x22, 0xff}, green, {0xaa, 0x33, 0x77, 0xff}}

// boundView is "distance against the bound" (the paper's Figs. 2 and 4):
// per test digit, the median distance from noisy copies to their nearest
// errors against the isoperimetric bound, or the σ at 1% error against
// the clean distance, for one to four models. Shipped zoo results
// (`noiseball bound`) show at once; anything else is measured here,
// digit by digit, sharded over the workers, and drawn as it comes.
type boundView struct {
	a   *app
	lib *library
	p   scene.Bound
	// shown is the measurement shown or being made, with whether it is
	// recomputed.
	shown scene.Latch[boundShown]
	// m holds the shipped and measured points; tasks are its shards
	// running, left how many have not finished.
	m       *scene.BoundMeasurement
	tasks   []*task
	left    int
	started time.Time
	est     float64 // the estimated seconds of the shards
	res     *scene.BoundResult
	// recompute measures here even where results were shipped; verify
	// is what the last recomputation found.
	recompute bool
	verify    string
	// askedFor is the measurement the visitor asked for with "Measure"
	// (one estimated over scene.AskAbove starts only then).
	askedFor boundShown
	// Plot geometry of the last frame, for hovering.
	ax, ay  axis
	plotR   rect
	hover   [2]int // model, point; -1 when none
	hoverOK bool
	// keyed: the arrow keys chose the hovered point, and it stays until
	// the pointer moves; px, py is where the pointer was.
	keyed  bool
	px, py float64
}

// boundShown identifies what the bound view measures.
type boundShown struct {
	models    string // the models, comma-separated
	images    int
	settings  measure.Settings
	recompute bool
}

func newBoundView(a *app) *boundView { return &boundView{a: a, lib: a.lib} }

func (v *boundView) apply(s state.State) {
	v.p = scene.NewBound(s)
	// How the numbers are drawn changes without measuring again.
	if v.res != nil && v.res.Params.Same(v.p) {
		v.res.Params.View, v.res.Params.Smooth = v.p.View, v.p.Smooth
	}
}

func (v *boundView) caption() string {
	if v.p.View == "fig2" {
		return "Each dot is one MNIST test digit: across, the noise level σ at which the model misclassifies 1% of its noisy copies; up, the distance from the clean digit to its nearest error. " +
			"A linear model would put every dot on the line d = 2.326σ: a model that errs in noise at small σ has errors close by, and one robust to noise has them farther. Hover for a digit's numbers; click to open it in the slice explorer (keyboard: focus the figure, arrows choose a digit, Enter opens it)."
	}
	return "Each dot is one MNIST test digit: across, its error rate μ in Gaussian noise of scale σ (log scale); up, the median distance from its correctly classified noisy copies to their nearest errors, with its 95% interval. " +
		"The curve is the Gaussian isoperimetric bound -σΦ⁻¹(μ): no error set of mass μ can sit farther away on median, and a half-space sits on it. Real models land close below it: small adversarial perturbations are what test error in noise predicts. " +
		"Ringed dots lie above the bound beyond both intervals. Hover for a digit's numbers; click to open it in the slice explorer (keyboard: focus the figure, arrows choose a digit, Enter opens it)."
}

func (v *boundView) actions() []action {
	return []action{{"Recompute here", "recompute", "Measure the shipped results again in this browser and check they agree (a cnn takes about 20 s a digit on one worker; Cancel brings the shipped ones back)",
		func() {
			v.recompute, v.verify = true, ""
			v.shown.Reset()
		}}}
}

// cancel stops the measurement and shows what was shown before it: the
// shipped results, with the offer to measure the rest.
func (v *boundView) cancel() {
	if len(v.tasks) > 0 {
		v.stop()
		v.recompute, v.askedFor = false, boundShown{}
		v.shown.Reset()
		v.a.showJob("", 0, 0)
		v.a.dirty = true
	}
}

func (v *boundView) stop() {
	for _, t := range v.tasks {
		v.a.pool.cancel(t)
	}
	v.tasks, v.left = nil, 0
}

func (v *boundView) leave() {
	if len(v.tasks) > 0 {
		v.stop()
		v.shown.Reset()
	}
}

// busy shows the progress of the first shard not yet finished.
func (v *boundView) busy() (*task, float64, float64) {
	for _, t := range v.tasks {
		if t.total == 0 || t.done < t.total {
			return t, v.plotR.x + v.plotR.w - 22*v.a.dpr, v.plotR.y + 22*v.a.dpr
		}
	}
	return nil, 0, 0
}

func (v *boundView) summary() string {
	switch {
	case v.lib.problem() != "":
		return v.lib.problem()
	case v.res == nil:
		return "Loading the models and the test digits…"
	}
	s := v.res.Summary()
	if v.verify != "" {
		s += " " + v.verify
	}
	return s
}

func (v *boundView) exports() exporter {
	if v.res == nil {
		return nil
	}
	return v.res
}

// resultsPath is where the page ships `noiseball bound`'s series of a
// zoo model.
func resultsPath(model string) string { return "assets/results/bound-" + model + ".json" }

func (v *boundView) update(p pointer, w, h float64) bool {
	if key := v.wanted(); v.shown.Changed(key) && v.lib.problem() == "" && v.prepare(v.recompute || v.askedFor == key) {
		v.shown.Set(key)
	}
	// Hover and click on the points.
	old, oldOK := v.hover, v.hoverOK
	moved := p.x != v.px || p.y != v.py
	v.px, v.py = p.x, p.y
	if moved || p.press || !p.in && !v.keyed {
		v.keyed, v.hoverOK = false, false
		if v.res != nil && p.in {
			best := 10 * v.a.dpr
			for i, s := range v.res.Series {
				for k, pt := range s.Points {
					x, y, ok := v.where(pt)
					if d := math.Hypot(x-p.x, y-p.y); ok && d < best {
						best, v.hover, v.hoverOK = d, [2]int{i, k}, true
					}
				}
			}
		}
	}
	if p.press && v.hoverOK {
		v.openHovered()
	}
	if changed := v.hoverOK != oldOK || v.hover != old; changed {
		v.a.probe(v.hoverText())
		return true
	}
	return false
}

// grabs nothing: a tap on a point (which the browser turns into a
// click) opens its digit, and a swipe scrolls the page.
func (v *boundView) grabs(x, y float64) bool { return false }

// hovered returns the series and point under the pointer or the
// keyboard's choice, if any.
func (v *boundView) hovered() (*measure.Series, *measure.Point, bool) {
	if !v.hoverOK || v.res == nil || v.hover[0] >= len(v.res.Series) || v.hover[1] >= len(v.res.Series[v.hover[0]].Points) {
		return nil, nil, false
	}
	ser := &v.res.Series[v.hover[0]]
	return ser, &ser.Points[v.hover[1]], true
}

// openHovered opens the hovered digit in the slice explorer.
func (v *boundView) openHovered() {
	if s, pt, ok := v.hovered(); ok {
		v.a.open(fmt.Sprintf("#scene=%s&model=%s&image=%d&sigma=%s", scene.SliceID, s.Model, pt.Index, state.FormatNumber(s.Settings.Sigma)))
	}
}

// hoverText is the hovered digit's numbers, drawn above the plot and
// shown in the DOM; "" when none.
func (v *boundView) hoverText() string {
	_, pt, ok := v.hovered()
	switch {
	case !ok:
		return ""
	case v.p.View == "fig2":
		return fmt.Sprintf("digit %d (a %d): σ at 1%% = %s, clean distance %s", pt.Index, pt.Label, scene.Num(pt.Sigma1), scene.Num(pt.Distance))
	}
	bound := "bound " + scene.Num(pt.Bound)
	if pt.Bound < 0 {
		bound = "no bound: no noisy copy erred"
	}
	return fmt.Sprintf("digit %d (a %d): μ = %s, median %s (95%%: %s–%s), %s", pt.Index, pt.Label, scene.Num(pt.Mu),
		scene.Num(pt.Median), scene.Num(pt.MedianCI[0]), scene.Num(pt.MedianCI[1]), bound)
}

// key walks the points with the arrow keys (left and right within a
// model, up and down between models) and opens the chosen digit in the
// slice explorer with Enter or Space.
func (v *boundView) key(k string) {
	if v.res == nil || len(v.res.Series) == 0 {
		return
	}
	if k == "Enter" || k == " " {
		v.openHovered()
		return
	}
	i, j := v.hover[0], v.hover[1]
	if _, _, ok := v.hovered(); !ok {
		i, j = 0, -1
	}
	switch k {
	case "ArrowRight":
		j++
	case "ArrowLeft":
		j--
	case "ArrowUp":
		i--
	case "ArrowDown":
		i++
	default:
		return
	}
	i = max(0, min(len(v.res.Series)-1, i))
	j = max(0, min(len(v.res.Series[i].Points)-1, j))
	if len(v.res.Series[i].Points) == 0 {
		return
	}
	v.hover, v.hoverOK, v.keyed = [2]int{i, j}, true, true
	v.a.probe(v.hoverText())
	v.a.dirty = true
}

// wanted identifies the measurement the settings ask for.
func (v *boundView) wanted() boundShown {
	return boundShown{strings.Join(v.p.Models, ","), v.p.Images, v.p.Settings, v.recompute}
}

// prepare shows the shipped results that fit the settings and starts
// measuring the rest, or, if that would take longer than scene.AskAbove
// and asked is false, offers it with its estimate; it reports false
// while downloads are pending.
func (v *boundView) prepare(asked bool) bool {
	v.stop()
	shipped := make([]*measure.Series, len(v.p.Models))
	for i, m := range v.p.Models {
		if m == scene.UserModel {
			continue
		}
		b, settled := v.lib.optionalFile(resultsPath(m), "the shipped results of "+m)
		if !settled {
			return false
		}
		var s measure.Series
		if b != nil && json.Unmarshal(b, &s) == nil {
			shipped[i] = &s
		}
	}
	m := scene.NewBoundMeasurement(v.p, shipped, v.recompute)
	shards := m.Shards(v.a.pool.parallelism())
	weights := make([][]byte, len(v.p.Models))
	var test *data.Set
	if len(shards) > 0 {
		if test = v.lib.testDigits(v.p.Images); test == nil {
			return false
		}
		for _, sh := range shards {
			if weights[sh.Model], _ = v.lib.model(v.p.Models[sh.Model]); weights[sh.Model] == nil {
				return false
			}
		}
	}
	byID("figure").Call("removeAttribute", "data-measured")
	v.a.showJob("", 0, 0) // an offer made for other settings
	v.m, v.started, v.verify = m, time.Now(), ""
	v.rebuild()
	if len(shards) == 0 {
		v.finished()
		return true
	}
	flops := make([]float64, len(v.p.Models))
	for i, name := range v.p.Models {
		if net := v.lib.net(name); net != nil {
			flops[i] = net.Cost().FLOPs
		}
	}
	workers := v.a.pool.parallelism()
	v.est = publishEstimate(m.Estimate(shards, flops, workers, v.a.pool.speed()))
	if est := v.est; !asked && est > scene.AskAbove {
		digits := 0
		for _, sh := range shards {
			digits += len(sh.Indices)
		}
		key := v.wanted()
		m.Waiting = true
		v.rebuild()
		v.a.ask(fmt.Sprintf("Measuring %d digits here (those not shipped with the page) would take %s on %d worker%s.",
			digits, scene.About(est), workers, scene.Plural(workers)), func() {
			v.askedFor = key
			v.shown.Reset()
		})
		v.a.dirty = true
		return true
	}
	for _, sh := range shards {
		labels, pixels := packIndices(test, sh.Indices)
		v.submit(sh, &jobs.Inputs{Labels: labels, Pixels: pixels, Weights: weights[sh.Model]})
	}
	v.left = len(v.tasks)
	v.a.showJob("Measuring…", 0, 1)
	return true
}

// submit starts one shard.
func (v *boundView) submit(sh scene.BoundShard, in *jobs.Inputs) {
	params := jobs.BoundParams{Model: v.p.Models[sh.Model], Indices: sh.Indices, Settings: v.p.Settings}
	var t *task
	t = submit(v.a.pool, jobs.Bound, params, in, func(done, total int, part *[]measure.Point) {
		// Redraw only for new points.
		if part != nil && v.m.Add(sh.Model, *part) {
			v.rebuild()
			v.a.dirty = true
		}
		sd, st := 0, 0
		for _, t := range v.tasks {
			sd, st = sd+t.done, st+t.total
		}
		n := v.a.pool.parallelism()
		v.a.jobProgress(fmt.Sprintf("Measuring %d digits × %d model%s on %d worker%s", v.p.Images, len(v.p.Models), scene.Plural(len(v.p.Models)), n, scene.Plural(n)), v.started, sd, st, v.est)
	}, func(pts []measure.Point, err error) {
		if !slices.Contains(v.tasks, t) {
			return
		}
		if err != nil {
			v.stop()
			v.a.showJob("", 0, 0)
			v.a.problem("The measurement failed: " + err.Error())
			return
		}
		v.m.Add(sh.Model, pts)
		if v.left--; v.left == 0 {
			v.tasks = nil
			v.a.showJob("", 0, 0)
			v.finished()
		}
	})
	v.tasks = append(v.tasks, t)
}

// rebuild assembles the result from the shipped and measured points.
func (v *boundView) rebuild() { v.res = v.m.Result() }

// finished marks the figure complete; after "Recompute here" it compares
// the new points with the shipped ones.
func (v *boundView) finished() {
	v.rebuild()
	if v.recompute {
		if same, total := v.m.Verify(); total > 0 {
			v.verify = fmt.Sprintf("Recomputed here: %d of %d digits agree with the shipped results (counts and distances exactly, interval ends to 12 digits).", same, total)
		}
	}
	v.a.dirty, v.a.sayNow = true, true
	byID("figure").Call("setAttribute", "data-measured", fmt.Sprint(time.Since(v.started).Milliseconds()))
}

// where returns a point's position in the current plot, if it has one.
func (v *boundView) where(pt measure.Point) (x, y float64, ok bool) {
	if v.p.View == "fig2" {
		if pt.Sigma1 == 0 || pt.Distance <= 0 {
			return 0, 0, false
		}
		s := pt.Sigma1
		if s < 0 {
			s = v.ax.hi
		}
		return v.ax.px(math.Min(s, v.ax.hi)), v.ay.px(math.Min(pt.Distance, v.ay.hi)), true
	}
	if pt.Mu >= 0.5 || pt.Count == 0 {
		return 0, 0, false
	}
	return v.ax.px(math.Max(pt.Mu, v.ax.lo)), v.ay.px(math.Min(pt.Median, v.ay.hi)), true
}

func (v *boundView) draw(dst *ebiten.Image, s float64) {
	b := dst.Bounds()
	W, H := float64(b.Dx()), float64(b.Dy())
	lh := lineHeight(s)
	// Title, legend, the y axis's title, the plot, its tick values and the
	// x axis's title, stacked; the y axis's tick values left of the plot.
	title := "Fig. 4: median distance from noisy copies to their nearest errors, against the error rate in noise"
	if v.p.View == "fig2" {
		title = "Fig. 2: each digit's clean nearest error against the σ at which it errs 1% of the time"
	}
	y := wrapped(dst, title, 0, 2*s, W, s, ink) + 3*s
	if v.res != nil {
		y = legend(dst, v.legendItems(), 0, y, W, s) + 3*s
	}
	yTitle := y
	left := textWidth("0.125", s) + 8*s
	v.plotR = rect{left, yTitle + lh + 8*s, W - left - 8*s, 0}
	v.plotR.h = H - v.plotR.y - (3*s + lh + 3*s + lh + 2*s)
	pr := v.plotR
	box(dst, pr.x, pr.y, pr.w, pr.h, panelBg)
	if v.res == nil {
		msg := "loading…"
		if v.lib.problem() != "" {
			msg = "unavailable: see the message below"
		}
		label(dst, msg, pr.x+pr.w/2, pr.y+pr.h/2, 0.5, 0.5, s, faint)
		frame(dst, pr.x, pr.y, pr.w, pr.h, 1*s, faint)
		plotArea(pr.x, pr.y, pr.w, pr.h, s)
		return
	}
	xTitle, yName := "error rate in noise μ (log scale)", "median distance (L2, pixels in [0,1])"
	if v.p.View == "fig2" {
		xTitle, yName = "σ at which the error rate in noise reaches 1%", "clean nearest-error distance (L2)"
		v.drawFig2(dst, s)
	} else {
		v.drawFig4(dst, s)
	}
	label(dst, yName, 0, yTitle, 0, 0, s, ink)
	label(dst, xTitle, pr.x+pr.w/2, pr.y+pr.h+3*s+lh+3*s, 0.5, 0, s, ink)
	frame(dst, pr.x, pr.y, pr.w, pr.h, 1*s, faint)
	plotArea(pr.x, pr.y, pr.w, pr.h, s)
	// The hovered digit is ringed; its numbers are in #probe, under the
	// figure (over the plot they covered the axis title).
	if _, pt, ok := v.hovered(); ok {
		hx, hy, _ := v.where(*pt)
		strokeCircle(dst, hx, hy, 6*s, 1.5*s, ink)
	}
}

// legendItems names every mark the plot shows: each model's dots, and
// in Fig. 4 the hollow dots (μ = 0), the ringed ones (above the bound),
// the smoothing's crosses and the bound; in Fig. 2 the half-space's line.
func (v *boundView) legendItems() []legendItem {
	var items []legendItem
	zero, above := false, false
	for i, ser := range v.res.Series {
		name := ser.Model
		if name == scene.UserModel {
			name = "your model"
		}
		col := seriesColors[i]
		items = append(items, legendItem{fmt.Sprintf("%s (%s, %d/%d)", name, v.res.Source[i], len(ser.Points), v.p.Images),
			func(dst *ebiten.Image, x, y, s float64) { dot(dst, x, y, 3*s, col) }})
		for _, pt := range ser.Points {
			zero = zero || pt.Mu == 0 && pt.Count > 0
			above = above || pt.Above
		}
	}
	if v.p.View == "fig2" {
		return append(items, legendItem{"d = 2.326σ: a half-space (Eq. 1 at μ = 1%)",
			func(dst *ebiten.Image, x, y, s float64) { line(dst, x-6*s, y+3*s, x+6*s, y-3*s, 2*s, ink) }})
	}
	items = append(items, legendItem{"bound −σΦ⁻¹(μ), σ = " + scene.Num(v.p.Settings.Sigma),
		func(dst *ebiten.Image, x, y, s float64) { line(dst, x-6*s, y-3*s, x+6*s, y+3*s, 2*s, ink) }})
	if zero {
		items = append(items, legendItem{"μ = 0: no noisy copy erred (left edge)",
			func(dst *ebiten.Image, x, y, s float64) { strokeCircle(dst, x, y, 3*s, 1.5*s, faint) }})
	}
	if above {
		items = append(items, legendItem{"above the bound beyond both intervals",
			func(dst *ebiten.Image, x, y, s float64) { strokeCircle(dst, x, y, 5*s, 1.5*s, darkRed) }})
	}
	if v.p.Smooth {
		items = append(items, legendItem{"radius certified by smoothing, in its model's color", func(dst *ebiten.Image, x, y, s float64) {
			line(dst, x-3*s, y-3*s, x+3*s, y+3*s, 1.5*s, ink)
			line(dst, x-3*s, y+3*s, x+3*s, y-3*s, 1.5*s, ink)
		}})
	}
	return items
}

// drawFig4 plots μ (log) against the median noisy distance, with the
// bound -σΦ⁻¹(μ).
func (v *boundView) drawFig4(dst *ebiten.Image, s float64) {
	pr, sigma := v.plotR, v.p.Settings.Sigma
	lo, top := 1e-4, 0.0
	for _, ser := range v.res.Series {
		for _, pt := range ser.Points {
			if pt.Mu > 0 && pt.Mu < 0.5 {
				lo = math.Min(lo, pt.Mu/2)
			}
			if pt.Count > 0 && pt.Mu < 0.5 {
				top = math.Max(top, pt.MedianCI[1])
				top = math.Max(top, pt.Median)
			}
			if v.p.Smooth {
				top = math.Max(top, pt.Certified)
			}
		}
	}
	top = math.Max(top, stats.MedianBound(math.Max(lo, 1e-3), sigma)) * 1.08
	v.ax = axis{lo: lo, hi: 1, p0: pr.x, p1: pr.x + pr.w, log: true}
	v.ay = axis{lo: 0, hi: top, p0: pr.y + pr.h, p1: pr.y}
	for e := math.Ceil(math.Log10(lo)); e <= 0; e++ {
		t := math.Pow(10, e)
		line(dst, v.ax.px(t), pr.y, v.ax.px(t), pr.y+pr.h, 1, gridLine)
		labelWithin(dst, fmt.Sprintf("1e%d", int(e)), v.ax.px(t), pr.y+pr.h+3*s, 0.5, 0, pr.x-8*s, pr.x+pr.w+8*s, s, faint)
	}
	for _, t := range ticks(0, top, 5) {
		line(dst, pr.x, v.ay.px(t), pr.x+pr.w, v.ay.px(t), 1, gridLine)
		label(dst, number(t), pr.x-7*s, v.ay.px(t), 1, 0.5, s, faint)
	}
	// The bound, up to μ = 1/2 where it reaches 0.
	var px, py float64
	for k := 0; k <= 120; k++ {
		mu := math.Pow(10, math.Log10(lo)+float64(k)/120*(math.Log10(0.5)-math.Log10(lo)))
		x, y := v.ax.px(mu), v.ay.px(math.Min(stats.MedianBound(mu, sigma), top))
		if k > 0 {
			line(dst, px, py, x, y, 2*s, ink)
		}
		px, py = x, y
	}
	for i, ser := range v.res.Series {
		col := seriesColors[i]
		light := color.NRGBA{col.R, col.G, col.B, 0x80}
		for _, pt := range ser.Points {
			x, y, ok := v.where(pt)
			if !ok {
				continue
			}
			if pt.Count >= 6 {
				line(dst, x, v.ay.px(pt.MedianCI[0]), x, v.ay.px(math.Min(pt.MedianCI[1], top)), 1.5*s, light)
			}
			if v.p.Smooth && pt.Certified > 0 {
				cy := v.ay.px(pt.Certified)
				line(dst, x-3*s, cy-3*s, x+3*s, cy+3*s, 1.5*s, col)
				line(dst, x-3*s, cy+3*s, x+3*s, cy-3*s, 1.5*s, col)
			}
			if pt.Mu == 0 {
				strokeCircle(dst, x, y, 3*s, 1.5*s, col) // no finite bound: μ = 0 at the left edge
			} else {
				dot(dst, x, y, 3*s, col)
			}
			if pt.Above {
				strokeCircle(dst, x, y, 6*s, 1.5*s, darkRed)
			}
		}
	}
}

// drawFig2 plots the σ at 1% error against the clean nearest-error
// distance, with the half-space's line d = 2.326σ.
func (v *boundView) drawFig2(dst *ebiten.Image, s float64) {
	pr := v.plotR
	right, top := 0.1, 0.1
	for _, ser := range v.res.Series {
		for _, pt := range ser.Points {
			right = math.Max(right, pt.Sigma1)
			top = math.Max(top, pt.Distance)
		}
	}
	right, top = right*1.08, top*1.08
	v.ax = axis{lo: 0, hi: right, p0: pr.x, p1: pr.x + pr.w}
	v.ay = axis{lo: 0, hi: top, p0: pr.y + pr.h, p1: pr.y}
	for _, t := range ticks(0, right, 6) {
		line(dst, v.ax.px(t), pr.y, v.ax.px(t), pr.y+pr.h, 1, gridLine)
		labelWithin(dst, number(t), v.ax.px(t), pr.y+pr.h+3*s, 0.5, 0, pr.x-8*s, pr.x+pr.w+8*s, s, faint)
	}
	for _, t := range ticks(0, top, 5) {
		line(dst, pr.x, v.ay.px(t), pr.x+pr.w, v.ay.px(t), 1, gridLine)
		label(dst, number(t), pr.x-7*s, v.ay.px(t), 1, 0.5, s, faint)
	}
	k := -stats.PhiInv(measure.Fig2Target)
	end := math.Min(right, top/k)
	line(dst, v.ax.px(0), v.ay.px(0), v.ax.px(end), v.ay.px(k*end), 2*s, ink)
	sub := dst.SubImage(rectF(pr.x, pr.y, pr.x+pr.w, pr.y+pr.h)).(*ebiten.Image)
	for i, ser := range v.res.Series {
		for _, pt := range ser.Points {
			if x, y, ok := v.where(pt); ok {
				dot(sub, x, y, 3*s, seriesColors[i])
			}
		}
	}
}
