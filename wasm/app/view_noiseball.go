//go:build js && wasm

package main

import (
	"fmt"
	"math"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"noiseball/wasm/glyphs"
	"noiseball/wasm/scene"
	"noiseball/wasm/state"
)

// noiseBallView draws the paper's Fig. 1 to scale: the clean point x at
// the bottom, the boundary at distance d, the noise samples at
// (component along the normal, norm of the rest), the shell of radius
// σ√n, and below it the histogram of signed distances to the boundary.
type noiseBallView struct {
	a        *app
	m        scene.NoiseBall
	dragging bool
	// offset is d minus the plane's value under the pointer when the
	// drag began on the boundary's handle, so the boundary moves with
	// the pointer rather than jumping to it (0 for a press elsewhere).
	offset float64
	// The plane's axes, from the last draw, for the pointer.
	u        axis
	planeBot float64
	planeTop float64
}

func newNoiseBallView(a *app) *noiseBallView { return &noiseBallView{a: a} }

func (v *noiseBallView) apply(s state.State) { v.m.Apply(s) }

func (v *noiseBallView) summary() string { return v.m.Summary() }

func (v *noiseBallView) caption() string {
	return "Gaussian noise around a clean point x lives on a thin shell of radius σ√n (blue arc), far beyond a linear " +
		"boundary at distance d (red line). Still, the share μ = Φ(−d/σ) of noisy copies that cross it does not depend on n: " +
		"a small error rate in noise in high dimension means an error only d = −σΦ⁻¹(μ) away, much closer than the noise itself. " +
		"Drag the boundary, or change n."
}

func (v *noiseBallView) actions() []action {
	return []action{{"New samples", "resample", "Draw a new set of noise samples (next seed)",
		func() { v.a.set("seed", strconv.FormatUint(v.m.Seed%1e9+1, 10)) }}}
}

func (v *noiseBallView) cancel() {}

func (v *noiseBallView) busy() (*task, float64, float64) { return nil, 0, 0 }

func (v *noiseBallView) leave() {}

func (v *noiseBallView) exports() exporter { return &v.m }

// onHandle reports whether (x, y) (figure pixels) is on the boundary's
// handle: within grabRadius of the line, in the plane.
func (v *noiseBallView) onHandle(x, y float64) bool {
	return y >= v.planeTop && y <= v.planeBot && math.Abs(x-v.u.px(v.m.D)) <= grabRadius*v.a.dpr
}

// grabs: the boundary's handle, where a drag moves the boundary; a
// swipe anywhere else scrolls the page, and a tap (a click) puts the
// boundary there.
func (v *noiseBallView) grabs(x, y float64) bool { return v.onHandle(x, y) }

// update drags the boundary: pressing on it (its handle) moves it with
// the pointer; pressing elsewhere in the plane puts it under the
// pointer. It follows until release.
func (v *noiseBallView) update(p pointer, w, h float64) bool {
	if p.press && p.in && p.y >= v.planeTop && p.y <= v.planeBot {
		v.dragging = true
		v.offset = 0
		if v.onHandle(p.x, p.y) {
			v.offset = v.m.D - v.u.val(p.x)
		}
	}
	if !p.down {
		v.dragging = false
		return false
	}
	if !v.dragging || v.u.hi == v.u.lo {
		return false
	}
	d := math.Max(0, v.u.val(p.x)+v.offset)
	sc := scene.Find(scene.NoiseBallID)
	v.a.st.Set(sc, "fix", "d")
	v.a.st.SetFloat(sc, "d", d)
	v.a.set("d", v.a.st.Values["d"])
	return true
}

func (v *noiseBallView) draw(dst *ebiten.Image, s float64) {
	b := dst.Bounds()
	W, H := float64(b.Dx()), float64(b.Dy())
	m := &v.m
	sigma, d, R := m.Sigma, m.D, m.Radius()

	// Title, plane, its ticks, the histogram's title, the histogram and
	// its ticks, stacked so that no text meets another.
	lh := lineHeight(s)
	left, right := 8*s, W-8*s
	top := wrapped(dst, fmt.Sprintf("n = %d, σ = %s: %d noisy copies; across: along the normal, up: length of the rest", m.N, scene.Num(sigma), len(m.Unit)),
		left, 3*s, right-left, s, ink) + 4*s
	// On a narrow figure the shell is named in a legend: inside the
	// plane its label would lie over the noisy copies.
	shell := "noise shell: radius σ√n = " + scene.Num(R)
	narrow := W/s < 520
	if narrow {
		top = legend(dst, []legendItem{{shell, func(dst *ebiten.Image, x, y, s float64) {
			line(dst, x-6*s, y+2*s, x+6*s, y+2*s, 1.5*s, blue)
		}}}, left, top, right-left, s) + 4*s
	}
	n := m.Numbers()
	histTitle := glyphs.Wrap(fmt.Sprintf("signed distance to the boundary (errors left of 0): μ = %s, drawn %d/%d",
		scene.Num(n.Mu), n.Errors, n.Samples), (right-left)/s)
	histH := math.Max(40*s, (H-top)*0.3)
	bot := H - (5*s + lh + 2*s) - histH - (4*s + float64(len(histTitle))*lh + 4*s) - (5*s + lh + 6*s)
	rmax := 1.12 * math.Max(math.Max(sigma*math.Sqrt(float64(m.N-1))+3.5*sigma, 1.6*d), 4*sigma)
	scale := (bot - top) / rmax
	cx := left + (right-left)*0.42
	v.u = axis{lo: 0, hi: 1, p0: cx, p1: cx + scale}
	v.planeTop, v.planeBot = top, bot
	py := func(r float64) float64 { return bot - r*scale }
	box(dst, left, top, right-left, bot-top, panelBg)
	bx := v.u.px(d)
	if bx < right {
		box(dst, bx, top, right-bx, bot-top, errFill)
	}
	// Ticks along the normal.
	for _, t := range ticks(v.u.val(left), v.u.val(right), 8) {
		x := v.u.px(t)
		line(dst, x, bot, x, bot+4*s, 1*s, faint)
		labelWithin(dst, number(t), x, bot+5*s, 0.5, 0, 0, W, s, faint)
	}
	// The shell.
	dstSub := dst.SubImage(rectF(left, top, right, bot)).(*ebiten.Image)
	strokeCircle(dstSub, cx, bot, R*scale, 1.5*s, blue)
	// The samples.
	kept := dots(1.4*s, blue)
	across := dots(1.4*s, darkRed)
	for _, q := range m.Unit {
		u, r := sigma*q.U, sigma*q.R
		b := kept
		if u >= d {
			b = across
		}
		x, y := v.u.px(u), py(r)
		if x >= left && x <= right && y >= top {
			b.at(dst, x, y)
		}
	}
	line(dst, left, bot, right, bot, 1*s, ink)
	if bx < right {
		line(dst, bx, top, bx, bot, 2*s, darkRed)
		label(dst, "boundary", bx+4*s, top+4*s, 0, 0, s, darkRed)
		// The grip sits midway between the boundary's label and A's.
		grip(dst, bx, (top+4*s+lh+bot-18*s-lh)/2, s, darkRed)
		handleArea("d", bx-grabRadius*s, top, 2*grabRadius*s, bot-top, s)
	}
	// x, A and d: A's label goes right of the boundary, where there is
	// room whatever the scale.
	dot(dst, cx, bot, 4*s, ink)
	label(dst, "x", cx-6*s, bot-3*s, 1, 1, s, ink)
	if bx < right {
		dot(dst, bx, bot, 4*s, darkRed)
		label(dst, "A: nearest error, d = "+scene.Num(d), bx+6*s, bot-18*s, 0, 1, s, darkRed)
	}
	// The shell's label sits by its upper-left arc.
	// It keeps left of the boundary's line and grip where it can.
	rs := R * scale
	sw := textWidth(shell, s)
	switch {
	case narrow:
	case rs > 40*s:
		lx, ly := cx-rs*0.72, bot-rs*0.69
		label(dst, shell, math.Max(math.Min(lx, bx-10*s-sw), left+2*s), ly-4*s, 0, 1, s, blue)
	default:
		label(dst, shell, left+4*s, top+20*s, 0, 0, s, blue)
	}
	y := bot + 5*s + lh + 6*s + 4*s
	for _, l := range histTitle {
		label(dst, l, left, y, 0, 0, s, ink)
		y += lh
	}
	v.drawHistogram(dst, left, y+4*s, right-left, histH, s)
}

// drawHistogram draws the signed distances d - σU with the error mass
// (left of 0) shaded, and the exact density N(d, σ²) over it.
func (v *noiseBallView) drawHistogram(dst *ebiten.Image, x, y, w, h, s float64) {
	m := &v.m
	sigma, d := m.Sigma, m.D
	const bins = 60
	lo, hi := math.Min(d-4*sigma, -0.5*sigma), d+4*sigma
	bw := (hi - lo) / bins
	lo = -math.Ceil(-lo/bw) * bw // a bin edge at 0
	hi = lo + bins*bw
	counts := m.Histogram(lo, hi, bins)
	peak := float64(len(m.Unit)) * bw / (sigma * math.Sqrt(2*math.Pi))
	for _, c := range counts {
		peak = math.Max(peak, float64(c))
	}
	box(dst, x, y, w, h, panelBg)
	ax := axis{lo: lo, hi: hi, p0: x, p1: x + w}
	ay := axis{lo: 0, hi: peak * 1.1, p0: y + h, p1: y}
	// The exact error mass, shaded under the density.
	for px := x; px < math.Min(ax.px(0), x+w); px++ {
		t := ax.val(px + 0.5)
		f := float64(len(m.Unit)) * bw * math.Exp(-0.5*(t-d)*(t-d)/(sigma*sigma)) / (sigma * math.Sqrt(2*math.Pi))
		line(dst, px+0.5, ay.px(0), px+0.5, ay.px(f), 1, errFill)
	}
	for i, c := range counts {
		col := blue
		if lo+float64(i)*bw < 0 {
			col = darkRed
		}
		x0, x1 := ax.px(lo+float64(i)*bw), ax.px(lo+float64(i+1)*bw)
		box(dst, x0+0.5*s, ay.px(float64(c)), x1-x0-1*s, ay.px(0)-ay.px(float64(c)), col)
	}
	var prevX, prevY float64
	for px := x; px <= x+w; px += 2 {
		t := ax.val(px)
		f := float64(len(m.Unit)) * bw * math.Exp(-0.5*(t-d)*(t-d)/(sigma*sigma)) / (sigma * math.Sqrt(2*math.Pi))
		if px > x {
			line(dst, prevX, prevY, px, ay.px(f), 1.5*s, ink)
		}
		prevX, prevY = px, ay.px(f)
	}
	zx := ax.px(0)
	line(dst, zx, y, zx, y+h, 2*s, darkRed)
	line(dst, x, y+h, x+w, y+h, 1*s, ink)
	for _, t := range ticks(lo, hi, 8) {
		line(dst, ax.px(t), y+h, ax.px(t), y+h+4*s, 1*s, faint)
		labelWithin(dst, number(t), ax.px(t), y+h+5*s, 0.5, 0, 0, x+w+8*s, s, faint)
	}
}
