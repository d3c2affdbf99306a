//go:build js && wasm

package main

import (
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"noiseball/core/spheres"
	"noiseball/wasm/jobs"
	"noiseball/wasm/scene"
	"noiseball/wasm/state"
)

// spheresView draws Adversarial Spheres: a plane through the origin,
// where both spheres are circles, shaded by the class the network
// reads; beside it the mean distance to the nearest error on the inner
// sphere against the cap bound as n grows, and the measured numbers.
type spheresView struct {
	a     *app
	v     scene.SpheresView
	shown scene.Latch[scene.Spheres] // the run started (or offered)
	asked scene.Latch[scene.Spheres] // the run the visitor asked for
	task  *task
	slice tintMap
	plane rect
}

func newSpheresView(a *app) *spheresView { return &spheresView{a: a} }

func (v *spheresView) apply(s state.State) { v.v.P.Apply(s) }

func (v *spheresView) summary() string { return v.v.Summary() }

func (v *spheresView) caption() string {
	return "Adversarial Spheres (Gilmer et al. 2018): points on a sphere of radius 1 are class 0, on one of radius R class 1. A ReLU network is " +
		"trained on them in a worker, then measured on the inner sphere: the share μ of it read wrongly, and the mean distance from correctly " +
		"read points to their nearest errors on the sphere. Whatever the shape of the error set, it cannot lie farther on average than a " +
		"spherical cap of the same measure (Lévy's isoperimetric inequality): the curve, which falls as 1/√n. In high dimension even a rare " +
		"error is close to every point."
}

func (v *spheresView) actions() []action { return nil }

func (v *spheresView) cancel() { v.a.pool.cancel(v.task) }

func (v *spheresView) busy() (*task, float64, float64) {
	return v.task, v.plane.x + v.plane.w - 22*v.a.dpr, v.plane.y + 22*v.a.dpr
}

func (v *spheresView) leave() {}

func (v *spheresView) exports() exporter {
	if v.v.Res == nil || v.v.Res.Phase != "done" {
		return nil
	}
	return &v.v
}

// grabs nothing: the figure takes no touch.
func (v *spheresView) grabs(x, y float64) bool { return false }

func (v *spheresView) update(p pointer, w, h float64) bool {
	if !v.shown.Changed(v.v.P) {
		return false
	}
	v.shown.Set(v.v.P)
	v.a.pool.cancel(v.task)
	v.v.Res = nil
	if err := v.v.P.Validate(); err != nil {
		v.a.problem(err.Error())
		return true
	}
	est := publishEstimate(v.v.P.Estimate(v.a.pool.speed()))
	if est > scene.AskAbove && v.asked.Changed(v.v.P) {
		want := v.v.P
		v.a.ask(fmt.Sprintf("Training and measuring this network here would take %s on one worker.", scene.About(est)), func() {
			v.asked.Set(want)
			v.shown.Reset()
		})
		return true
	}
	v.task = startJob(v.a, jobs.Spheres, v.v.P, nil, "Training and measuring", "The run",
		func(r scene.SpheresResult, _ bool) { v.v.Res = &r }, func() { v.task = nil })
	v.task.estimate = est
	return true
}

func (v *spheresView) draw(dst *ebiten.Image, s float64) {
	b := dst.Bounds()
	W, H := float64(b.Dx()), float64(b.Dy())
	left, right := 8*s, W-8*s
	p := v.v.P
	top := wrapped(dst, fmt.Sprintf("n = %d, radii 1 and %s: the plane through the centre and a point x of the inner sphere, where both spheres are circles, shaded by the class read", p.N, scene.Num(p.R)),
		left, 3*s, right-left, s, ink) + 4*s
	side := math.Min(H-top-6*s, (right-left)*0.5)
	v.plane = rect{left, top, side, side}
	box(dst, left, top, side, side, panelBg)
	r := v.v.Res
	if r != nil && len(r.Slice) == scene.SpheresSlice*scene.SpheresSlice {
		v.drawSlice(dst, r.Slice)
	}
	half := 1.25 * p.R
	if r != nil {
		half = r.Half
	}
	unit := side / (2 * half)
	cx, cy := left+side/2, top+side/2
	sub := dst.SubImage(rectF(left, top, left+side, top+side)).(*ebiten.Image)
	strokeCircle(sub, cx, cy, unit, 2*s, classInk[0])
	strokeCircle(sub, cx, cy, p.R*unit, 2*s, classInk[1])
	// The plane's first axis is a point of the inner sphere: x.
	dot(sub, cx+unit, cy, 4*s, ink)
	label(sub, "x", cx+unit+6*s, cy-3*s, 0, 1, s, ink)
	frame(dst, left, top, side, side, 1*s, faint)
	plotArea(left, top, side, side, s)
	x := left + side + 14*s
	y := legend(dst, []legendItem{
		{"radius 1: class 0", func(dst *ebiten.Image, x, y, s float64) { dot(dst, x, y, 4*s, classInk[0]) }},
		{"radius " + scene.Num(p.R) + ": class 1", func(dst *ebiten.Image, x, y, s float64) { dot(dst, x, y, 4*s, classInk[1]) }},
	}, x, top, right-x, s) + 8*s
	if r == nil || r.Phase != "done" {
		msg := "training in a worker…"
		if r != nil {
			msg = fmt.Sprintf("%s (accuracy %s)…", r.Phase, scene.Num(r.Accuracy))
		}
		wrapped(dst, msg, x, y, right-x, s, faint)
		return
	}
	v.drawBound(dst, x, y, right-x, H-y-6*s, s)
}

// drawSlice paints the slice's classes as tints into the plane.
func (v *spheresView) drawSlice(dst *ebiten.Image, cls []uint8) {
	const n = scene.SpheresSlice
	v.slice.set(n, func(i, j int) int { return int(cls[j*n+i]) })
	v.slice.draw(dst, v.plane)
}

// drawBound plots, from (x, y) in a w×h box, the cap bound on the mean
// distance to the nearest error against n (log axis) at the measured μ,
// with the measured mean and its interval at this n.
func (v *spheresView) drawBound(dst *ebiten.Image, x, y, w, h, s float64) {
	r, p := v.v.Res, v.v.P
	lh := lineHeight(s)
	y0 := y
	y = wrapped(dst, fmt.Sprintf("μ = %s on the inner sphere; mean distance to its nearest error, against n", scene.Num(r.Mu)), x, y, w, s, ink) + 4*s
	if r.Errors == 0 || r.Mu >= 1 {
		wrapped(dst, "no sampled point erred: no bound to draw", x, y, w, s, faint)
		return
	}
	// Under the chart: its n values, then the legend, in up to two rows.
	ph := math.Max(h-(y-y0)-(lh+3*s)-4*s-2*(lh+2*s), 40*s)
	px := x + textWidth("0.00", s) + 6*s
	pw := x + w - px - textWidth("1000", s)/2
	ymax := 1.1 * math.Max(spheres.MeanBound(r.Mu, 2), float64(r.MeanCI[1]))
	ax := axis{lo: math.Log10(2), hi: 3, p0: px, p1: px + pw}
	ay := axis{lo: 0, hi: ymax, p0: y + ph, p1: y}
	box(dst, px, y, pw, ph, panelBg)
	for _, t := range ticks(0, ymax, 4) {
		line(dst, px, ay.px(t), px+pw, ay.px(t), 1, gridLine)
		label(dst, number(t), px-3*s, ay.px(t), 1, 0.5, s, faint)
	}
	for _, n := range []float64{10, 100, 1000} {
		label(dst, number(n), ax.px(math.Log10(n)), y+ph+3*s, 0.5, 0, s, faint)
	}
	label(dst, "n", ax.px(math.Log10(3)), y+ph+3*s, 0.5, 0, s, faint)
	// The bound at each whole n, about 60 of them spaced evenly on the
	// log axis (every n up to 20).
	var lx, ly float64
	for n := 2; ; n = min(1000, max(n+1, int(float64(n)*1.08))) {
		bx, by := ax.px(math.Log10(float64(n))), ay.px(spheres.MeanBound(r.Mu, n))
		if n > 2 {
			line(dst, lx, ly, bx, by, 2*s, ink)
		}
		lx, ly = bx, by
		if n == 1000 {
			break
		}
	}
	mx := ax.px(math.Log10(float64(p.N)))
	if !math.IsNaN(float64(r.MeanCI[0])) {
		line(dst, mx, ay.px(float64(r.MeanCI[0])), mx, ay.px(float64(r.MeanCI[1])), 2*s, darkRed)
	}
	dot(dst, mx, ay.px(float64(r.Mean)), 4*s, darkRed)
	frame(dst, px, y, pw, ph, 1*s, faint)
	plotArea(px, y, pw, ph, s)
	legend(dst, []legendItem{
		{"cap bound", func(dst *ebiten.Image, x, y, s float64) { line(dst, x-6*s, y, x+6*s, y, 2*s, ink) }},
		{"measured mean = " + scene.Num(float64(r.Mean)), func(dst *ebiten.Image, x, y, s float64) { dot(dst, x, y, 4*s, darkRed) }},
	}, x, y+ph+3*s+lh+4*s, w, s)
}
