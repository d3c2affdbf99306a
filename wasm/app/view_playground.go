//go:build js && wasm

package main

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"

	"noiseball/core/playground"
	"noiseball/wasm/scene"
	"noiseball/wasm/state"
)

// playgroundBatches is how many training steps a frame takes: a small
// network on 400 points trains 20 steps in well under a millisecond, so
// the regions settle over half a second or so, visibly.
const playgroundBatches = 8

// playgroundView draws the playground: the plane with the network's
// regions, the training points, the point x with its noise (circles at
// σ and 2σ) and its nearest error (a red circle through it), and beside
// it the distances against the bound.
type playgroundView struct {
	a       *app
	m       scene.Playground
	plane   rect
	regions tintMap
	shown   []int // the grid classes regions shows
	marked  *playground.Reading
	drag    bool
}

func newPlaygroundView(a *app) *playgroundView { return &playgroundView{a: a} }

func (v *playgroundView) apply(s state.State) { v.m.Apply(s) }

func (v *playgroundView) summary() string { return v.m.Summary() }

func (v *playgroundView) caption() string {
	return "A small ReLU network trained live on a toy problem in the plane, its regions shaded by the class it reads. Click (or tap) the plane to put " +
		"the point x there: Gaussian noise of σ around it (circles at σ and 2σ) lands on another class with probability μ, integrated over the grid, " +
		"and the red circle reaches the nearest error. The isoperimetric bound −σΦ⁻¹(μ) caps the median distance from noisy copies to the errors; " +
		"in two dimensions the noise is not far away, so only a straight boundary comes near it. Gaussian augmentation and adversarial training " +
		"push the boundary away from the training points."
}

func (v *playgroundView) actions() []action { return nil }

func (v *playgroundView) cancel() {}

func (v *playgroundView) busy() (*task, float64, float64) { return nil, 0, 0 }

func (v *playgroundView) leave() {}

func (v *playgroundView) exports() exporter {
	if v.m.Reading == nil {
		return nil
	}
	return &v.m
}

// grabs nothing: a tap (a click) puts the point there and a swipe
// scrolls the page.
func (v *playgroundView) grabs(x, y float64) bool { return false }

// world converts figure pixels in the plane to the plane's coordinates.
func (v *playgroundView) world(x, y float64) (float64, float64) {
	b := v.m.Run.Box
	return b.X - b.Half + (x-v.plane.x)/v.plane.w*2*b.Half, b.Y + b.Half - (y-v.plane.y)/v.plane.h*2*b.Half
}

// screen converts the plane's coordinates to figure pixels.
func (v *playgroundView) screen(x, y float64) (float64, float64) {
	b := v.m.Run.Box
	return v.plane.x + (x-(b.X-b.Half))/(2*b.Half)*v.plane.w, v.plane.y + ((b.Y+b.Half)-y)/(2*b.Half)*v.plane.h
}

// movePoint puts x at (px, py), rounded to the controls' step.
func (v *playgroundView) movePoint(px, py float64) {
	sc := scene.Find(scene.PlaygroundID)
	v.a.st.SetFloat(sc, "x", math.Round(px*100)/100)
	v.a.st.SetFloat(sc, "y", math.Round(py*100)/100)
	v.a.set("y", v.a.st.Values["y"])
}

// key moves the point with the arrow keys, a twentieth of the view a
// press.
func (v *playgroundView) key(k string) {
	if v.m.Run == nil {
		return
	}
	step := v.m.Run.Box.Half / 10
	switch k {
	case "ArrowLeft":
		v.movePoint(v.m.P.X-step, v.m.P.Y)
	case "ArrowRight":
		v.movePoint(v.m.P.X+step, v.m.P.Y)
	case "ArrowUp":
		v.movePoint(v.m.P.X, v.m.P.Y+step)
	case "ArrowDown":
		v.movePoint(v.m.P.X, v.m.P.Y-step)
	}
}

func (v *playgroundView) update(p pointer, w, h float64) bool {
	redraw := v.m.Advance(playgroundBatches)
	if v.m.Run != nil && (p.press || v.drag && p.down) && p.in && v.plane.contains(p.x, p.y) {
		v.drag = true
		v.movePoint(v.world(p.x, p.y))
		redraw = true
	}
	if !p.down {
		v.drag = false
	}
	// The page's tests wait for the reading of what is shown.
	if v.m.Reading != v.marked {
		if v.marked = v.m.Reading; v.marked != nil {
			byID("figure").Call("setAttribute", "data-measured", "1")
		} else {
			byID("figure").Call("removeAttribute", "data-measured")
		}
		redraw = true
	}
	return redraw
}

func (v *playgroundView) draw(dst *ebiten.Image, s float64) {
	b := dst.Bounds()
	W, H := float64(b.Dx()), float64(b.Dy())
	left, right := 8*s, W-8*s
	if v.m.Run == nil {
		wrapped(dst, v.m.Summary(), left, 6*s, right-left, s, darkRed)
		return
	}
	c := v.m.Config
	how := map[string]string{"clean": "trained clean", "gauss": "trained with Gaussian noise of σ " + scene.Num(c.Recipe.Sigma),
		"pgd": "trained adversarially within ε " + scene.Num(c.Recipe.Eps)}[c.Recipe.Method]
	title := fmt.Sprintf("%s, two ReLU layers of %d %s: the class read at every point", c.Data, c.Hidden[0], how)
	if v.m.Reading == nil {
		pr := v.m.Run.State()
		title = fmt.Sprintf("%s: training, pass %d of %d (accuracy %s)", c.Data, min(pr.Epoch+1, pr.Epochs), pr.Epochs, scene.Num(pr.Accuracy))
	}
	top := wrapped(dst, title, left, 3*s, right-left, s, ink) + 4*s
	side := math.Min(H-top-6*s, (right-left)*0.62)
	v.plane = rect{left, top, side, side}
	v.drawRegions(dst)
	sub := dst.SubImage(rectF(left, top, left+side, top+side)).(*ebiten.Image)
	set := v.m.Run.Set
	rim := dots(2.2*s, ink)
	fill := make([]*dotStamp, len(classInk))
	for c, col := range classInk {
		fill[c] = dots(1.5*s, col)
	}
	for k := range set.N {
		x, y := v.screen(set.Values[2*k], set.Values[2*k+1])
		rim.at(sub, x, y)
		fill[set.Labels[k]%len(classInk)].at(sub, x, y)
	}
	px, py := v.screen(v.m.P.X, v.m.P.Y)
	unit := side / (2 * v.m.Run.Box.Half)
	for _, k := range []float64{1, 2} {
		strokeCircle(sub, px, py, k*v.m.Sigma*unit, 1.5*s, ink)
	}
	if r := v.m.Reading; r != nil && !math.IsInf(r.Nearest, 1) {
		strokeCircle(sub, px, py, r.Nearest*unit, 2*s, darkRed)
	}
	dot(sub, px, py, 4*s, ink)
	label(sub, "x", px+6*s, py-3*s, 0, 1, s, ink)
	frame(dst, left, top, side, side, 1*s, faint)
	plotArea(left, top, side, side, s)
	v.drawNumbers(dst, left+side+14*s, top, right-(left+side+14*s), s)
}

// drawRegions paints the grid's classes as light tints into the plane.
func (v *playgroundView) drawRegions(dst *ebiten.Image) {
	g := v.m.Grid
	if !slices.Equal(v.shown, g.Class) {
		// The grid's row 0 is at the bottom, the image's at the top.
		v.regions.set(g.W, func(i, j int) int { return g.Class[(g.W-1-j)*g.W+i] })
		v.shown = append(v.shown[:0], g.Class...)
	}
	v.regions.draw(dst, v.plane)
}

// drawNumbers shows, from (x, y) in a column w wide, the class legend,
// μ, and the distances as bars against the bound.
func (v *playgroundView) drawNumbers(dst *ebiten.Image, x, y, w, s float64) {
	var items []legendItem
	for k := range v.m.Run.Set.Classes {
		col := classInk[k%len(classInk)]
		items = append(items, legendItem{fmt.Sprintf("class %d", k), func(dst *ebiten.Image, x, y, s float64) { dot(dst, x, y, 4*s, col) }})
	}
	y = legend(dst, items, x, y, w, s) + 8*s
	r := v.m.Reading
	if r == nil {
		wrapped(dst, "training…", x, y, w, s, faint)
		return
	}
	y = wrapped(dst, fmt.Sprintf("μ = %s (sampled %s)", scene.Num(r.Mu), scene.Num(r.MuSampled)), x, y, w, s, ink) + 6*s
	rows := []struct {
		text string
		val  float64
		col  color.RGBA
	}{
		{"nearest error from x", r.Nearest, darkRed},
		{"median from noisy copies", r.Median, blue},
		{"bound −σΦ⁻¹(μ)", r.Bound, ink},
	}
	top := 0.0
	for _, row := range rows {
		if !math.IsInf(row.val, 0) && !math.IsNaN(row.val) {
			top = math.Max(top, row.val)
		}
	}
	top = math.Max(top*1.1, 1e-3)
	lh := lineHeight(s)
	for _, row := range rows {
		y = wrapped(dst, row.text+" = "+scene.Num(row.val), x, y, w, s, ink) + 2*s
		bw := w * 0.9
		if !math.IsInf(row.val, 0) && !math.IsNaN(row.val) {
			bw = w * 0.9 * row.val / top
		}
		box(dst, x, y, math.Max(bw, 1*s), 0.6*lh, row.col)
		y += 0.6*lh + 8*s
	}
}
