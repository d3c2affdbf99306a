//go:build js && wasm

package main

import (
	"fmt"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"noiseball/core/region"
	"noiseball/core/stats"
	"noiseball/wasm/jobs"
	"noiseball/wasm/scene"
	"noiseball/wasm/state"
)

// The raster the set is drawn from, cells across the plane.
const rasterW, rasterH = 320, 240

// isoView draws the isoperimetry scene: the plane with the error set, its
// ε-expansion, the noise and the point; beside it the expansion masses
// against the isoperimetric bound, and the median distance against
// -σΦ⁻¹(μ). Measurements run as worker jobs.
type isoView struct {
	a         *app
	st        state.State
	iso       scene.Iso
	set       region.Set
	res       *scene.IsoResult
	task      *task
	taskMsg   string
	measured  scene.Latch[scene.Iso] // the set of the last measurement started
	raster    *ebiten.Image
	rasterFor scene.Latch[rasterKey] // what the raster shows
	setGen    int                    // counts the sets built, so a new one is redrawn
	pix       []byte
	// Painting in progress, and the plane's place from the last draw.
	bits     []bool
	painting bool
	dragging bool
	erase    bool
	last     *region.Point // the stroke's previous position
	plane    rect
	// offset is the set's anchor (at distance dist in direction angle)
	// minus the point under the pointer when a drag began on the
	// anchor's handle, so the set moves with the pointer rather than
	// jumping to it (zero for a press elsewhere).
	offset  region.Point
	started time.Time
}

func newIsoView(a *app) *isoView { return &isoView{a: a} }

func (v *isoView) apply(s state.State) {
	v.st = s
	v.iso = scene.NewIso(s)
	if !v.painting {
		v.bits, _ = state.DecodeBits(v.iso.Paint, scene.PaintW*scene.PaintH)
	}
	set, err := v.iso.Set()
	if err != nil {
		v.a.problem("The painting in this link is unreadable (" + err.Error() + "); it is cleared.")
		return
	}
	v.set = set
	v.setGen++
}

func (v *isoView) caption() string {
	return "Noise N(x, σ²I) around the point x (black) and an error set (red) with its ε-expansion (orange). " +
		"The Gaussian isoperimetric inequality says that among all sets of the same mass μ the half-plane is farthest from noisy points: " +
		"its median distance is exactly −σΦ⁻¹(μ), and every other shape sits below that bound and its expansions grow faster. " +
		"Drag to move the set, or paint your own (right button or “Erase” to erase)."
}

func (v *isoView) actions() []action {
	return []action{
		{"Match mass", "match", "Rescale the set to the target mass so shapes compare fairly", v.match},
		{"Measure again", "measure", "Run the measurement again", v.measured.Reset},
		{"Erase", "erase", "Toggle erasing while painting", v.toggleErase},
		{"Clear painting", "clear", "Remove everything painted", func() { v.a.set("paint", "") }},
	}
}

// match rescales the set to the target mass, in a worker.
func (v *isoView) match() {
	v.a.pool.cancel(v.task)
	v.taskMsg = "Matching the mass"
	v.started = time.Now()
	v.task = submit(v.a.pool, jobs.IsoMatch, jobs.MatchParams{Iso: v.iso, Target: v.st.Float("mass")}, nil,
		func(int, int, *jobs.MatchResult) {}, func(r jobs.MatchResult, err error) {
			v.task = nil
			if err != nil {
				v.a.problem("Matching the mass failed: " + err.Error())
				return
			}
			v.a.set(r.Param, state.FormatNumber(r.Value))
		})
}

// toggleErase switches painting between ink and eraser.
func (v *isoView) toggleErase() {
	v.erase = !v.erase
	byID("a-erase").Set("textContent", map[bool]string{false: "Erase", true: "Paint"}[v.erase])
	byID("a-erase").Call("setAttribute", "aria-pressed", fmt.Sprint(v.erase))
}

func (v *isoView) cancel() {
	if v.task != nil {
		v.a.pool.cancel(v.task)
		v.task = nil
		v.measured.Set(v.iso)
		v.a.showJob("Canceled. Press “Measure again” to run it.", 0, 0)
		byID("job-progress").Set("value", 0)
	}
}

func (v *isoView) leave() {
	if v.task != nil {
		v.a.pool.cancel(v.task)
		v.task = nil
		v.measured.Reset()
	}
}

func (v *isoView) busy() (*task, float64, float64) {
	return v.task, v.plane.x + v.plane.w - 22*v.a.dpr, v.plane.y + 22*v.a.dpr
}

func (v *isoView) summary() string {
	if v.res == nil {
		return "Measuring the set's Gaussian mass and the distances from noisy points to it…"
	}
	return v.res.Summary()
}

func (v *isoView) exports() exporter {
	if v.res == nil {
		return nil
	}
	return v.res
}

// world converts figure pixels to plane coordinates.
func (v *isoView) world(x, y float64) region.Point {
	return region.Point{X: (x-v.plane.x)/v.plane.w*scene.ViewW - scene.ViewW/2, Y: scene.ViewH/2 - (y-v.plane.y)/v.plane.h*scene.ViewH}
}

func (v *isoView) screen(p region.Point) (float64, float64) {
	return v.plane.x + (p.X+scene.ViewW/2)/scene.ViewW*v.plane.w, v.plane.y + (scene.ViewH/2-p.Y)/scene.ViewH*v.plane.h
}

// anchor is the set's handle in the plane: the point at distance dist
// from x in direction angle.
func (v *isoView) anchor() region.Point {
	n := region.Dir(v.iso.Angle * math.Pi / 180)
	return region.Point{X: v.iso.Dist * n.X, Y: v.iso.Dist * n.Y}
}

// onHandle reports whether (x, y) (figure pixels) is within grabRadius
// of the set's handle.
func (v *isoView) onHandle(x, y float64) bool {
	ax, ay := v.screen(v.anchor())
	return v.iso.Shape != "paint" && math.Hypot(x-ax, y-ay) <= grabRadius*v.a.dpr
}

// grabs: when painting, the plane, where a finger paints; otherwise the
// set's handle, where a drag moves the set. A swipe anywhere else
// scrolls the page, and a tap (a click) moves the set there.
func (v *isoView) grabs(x, y float64) bool {
	if v.iso.Shape == "paint" {
		return v.plane.contains(x, y)
	}
	return v.onHandle(x, y)
}

func (v *isoView) update(p pointer, w, h float64) bool {
	redraw := false
	inPlane := p.in && p.x >= v.plane.x && p.y >= v.plane.y && p.x < v.plane.x+v.plane.w && p.y < v.plane.y+v.plane.h
	if p.press && inPlane {
		v.dragging = true
		v.painting = v.iso.Shape == "paint"
		v.offset = region.Point{}
		if v.onHandle(p.x, p.y) {
			a, q := v.anchor(), v.world(p.x, p.y)
			v.offset = region.Point{X: a.X - q.X, Y: a.Y - q.Y}
		}
	}
	if v.dragging && p.down {
		q := v.world(p.x, p.y)
		sc := scene.Find(scene.IsoperimetryID)
		if v.painting {
			// Paint along the segment from the last position, so a fast
			// stroke leaves no gaps.
			from := q
			if v.last != nil {
				from = *v.last
			}
			steps := int(math.Hypot(q.X-from.X, q.Y-from.Y)/(scene.PaintCell/2)) + 1
			for k := 1; k <= steps; k++ {
				t := float64(k) / float64(steps)
				v.paint(region.Point{X: from.X + t*(q.X-from.X), Y: from.Y + t*(q.Y-from.Y)}, !(v.erase || p.alt))
			}
			v.last = &q
		} else {
			q = region.Point{X: q.X + v.offset.X, Y: q.Y + v.offset.Y}
			v.a.st.SetFloat(sc, "angle", math.Atan2(q.Y, q.X)*180/math.Pi)
			v.a.st.SetFloat(sc, "dist", math.Hypot(q.X, q.Y))
			v.a.set("dist", v.a.st.Values["dist"])
		}
		redraw = true
	}
	if !p.down && v.dragging {
		v.dragging = false
		v.last = nil
		if v.painting {
			v.painting = false
			v.a.set("paint", state.EncodeBits(v.bits))
		}
	}
	// Measure what is shown, once the pointer lets go.
	if !v.dragging && v.measured.Changed(v.iso) && v.set != nil {
		v.measure()
	}
	return redraw
}

// paint sets (or clears) the cells within one cell of q.
func (v *isoView) paint(q region.Point, on bool) {
	ci := int(math.Floor((q.X + scene.ViewW/2) / scene.PaintCell))
	cj := int(math.Floor((q.Y + scene.ViewH/2) / scene.PaintCell))
	for j := cj - 1; j <= cj+1; j++ {
		for i := ci - 1; i <= ci+1; i++ {
			if i >= 0 && j >= 0 && i < scene.PaintW && j < scene.PaintH {
				v.bits[j*scene.PaintW+i] = on
			}
		}
	}
	v.set = region.NewMask(-scene.ViewW/2, -scene.ViewH/2, scene.PaintCell, scene.PaintW, scene.PaintH, v.bits).Grown(v.iso.Grow)
	v.setGen++
}

// measure starts a measurement of the current set in a worker,
// replacing any running one.
func (v *isoView) measure() {
	v.a.pool.cancel(v.task)
	v.measured.Set(v.iso)
	c := v.iso
	v.started = time.Now()
	v.taskMsg = fmt.Sprintf("Measuring with %d noisy points", c.Samples)
	v.a.showJob(v.taskMsg+"…", 0, c.Samples)
	v.task = startJob(v.a, jobs.IsoMeasure, c, nil, v.taskMsg, "The measurement",
		func(r scene.IsoResult, _ bool) { v.res = &r }, func() { v.task = nil })
}

func (v *isoView) draw(dst *ebiten.Image, s float64) {
	b := dst.Bounds()
	W, H := float64(b.Dx()), float64(b.Dy())
	eps := v.st.Float("eps")
	top := wrapped(dst, fmt.Sprintf("noise σ = %s (circles: 1, 2, 3σ); error set red, its ε = %s expansion orange",
		scene.Num(v.iso.Sigma), scene.Num(eps)), 0, 2*s, W, s, ink) + 3*s
	// The plane takes 60% of the width (half on a narrow figure, where the
	// side charts' text needs the room).
	share := 0.6
	if W/s < 520 {
		share = 0.5
	}
	pw := math.Min(W*share, (H-top-4*s)*scene.ViewW/scene.ViewH)
	ph := pw * scene.ViewH / scene.ViewW
	v.plane = rect{0, top, pw, ph}
	v.drawPlane(dst, s)
	// The side charts right of the plane, past the expansion chart's
	// tick values.
	x0 := pw + 10*s + textWidth("0.75", s) + 4*s
	mid := v.drawExpansion(dst, x0, top, W-x0-4*s, H*0.5-top, s)
	v.drawDistances(dst, pw+10*s, mid+8*s, W-pw-14*s, H-mid-8*s, s)
}

// rasterKey is what the set's raster depends on.
type rasterKey struct {
	iso scene.Iso
	eps float64
	gen int
}

// drawPlane paints the set, its expansion, the Gaussian's 1-2-3σ
// circles, the noisy points of the last measurement and the point.
func (v *isoView) drawPlane(dst *ebiten.Image, s float64) {
	eps := v.st.Float("eps")
	key := rasterKey{v.iso, eps, v.setGen}
	if v.raster == nil {
		v.raster = ebiten.NewImage(rasterW, rasterH)
		v.pix = make([]byte, 4*rasterW*rasterH)
	}
	if v.rasterFor.Changed(key) && v.set != nil {
		v.rasterFor.Set(key)
		for j := range rasterH {
			for i := range rasterW {
				q := region.Point{X: (float64(i)+0.5)/rasterW*scene.ViewW - scene.ViewW/2, Y: scene.ViewH/2 - (float64(j)+0.5)/rasterH*scene.ViewH}
				c := panelBg
				if d := v.set.Dist(q); d == 0 {
					c = red
				} else if d <= eps {
					c = expFill
				}
				k := 4 * (j*rasterW + i)
				v.pix[k], v.pix[k+1], v.pix[k+2], v.pix[k+3] = c.R, c.G, c.B, 0xff
			}
		}
		v.raster.WritePixels(v.pix)
	}
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Scale(v.plane.w/rasterW, v.plane.h/rasterH)
	op.GeoM.Translate(v.plane.x, v.plane.y)
	dst.DrawImage(v.raster, op)
	cx, cy := v.screen(region.Point{})
	unit := v.plane.w / scene.ViewW
	sub := dst.SubImage(rectF(v.plane.x, v.plane.y, v.plane.x+v.plane.w, v.plane.y+v.plane.h)).(*ebiten.Image)
	for k := 1; k <= 3; k++ {
		strokeCircle(sub, cx, cy, float64(k)*v.iso.Sigma*unit, 1*s, faint)
	}
	if v.res != nil && v.res.Params.Sigma == v.iso.Sigma {
		out := dots(1.3*s, blue)
		in := dots(1.3*s, darkRed)
		for _, p := range v.res.Points {
			q := region.Point{X: p[0], Y: p[1]}
			x, y := v.screen(q)
			b := out
			if v.set != nil && v.set.Contains(q) {
				b = in
			}
			b.at(sub, x, y)
		}
	}
	dot(dst, cx, cy, 4*s, ink)
	label(dst, "x", cx-5*s, cy-3*s, 1, 1, s, ink)
	if v.iso.Shape != "paint" {
		ax, ay := v.screen(v.anchor())
		strokeCircle(sub, ax, ay, 6*s, 2*s, ink)
		r := grabRadius * s
		handleArea("set", ax-r, ay-r, 2*r, 2*r, s)
	}
	frame(dst, v.plane.x, v.plane.y, v.plane.w, v.plane.h, 1*s, faint)
	plotArea(v.plane.x, v.plane.y, v.plane.w, v.plane.h, s)
}

// drawExpansion plots the measured mass of E_ε against ε with the
// isoperimetric bound Φ(Φ⁻¹(μ) + ε/σ) that a half-plane meets, its
// title from y and the chart under it, all within h; it returns the y
// under the chart's tick values.
func (v *isoView) drawExpansion(dst *ebiten.Image, x, y, w, h, s float64) float64 {
	lh := lineHeight(s)
	bottom := y + h
	y = wrapped(dst, "mass of the ε-expansion", x, y, w, s, ink)
	y = wrapped(dst, "dots: measured; line: bound", x, y, w, s, faint) + 6*s
	h = math.Max(bottom-y-3*s-lh, 24*s)
	box(dst, x, y, w, h, panelBg)
	ax := axis{lo: 0, hi: 3, p0: x, p1: x + w}
	ay := axis{lo: 0, hi: 1, p0: y + h, p1: y}
	// Quarter steps where the chart is tall enough for their values;
	// the x axis starts at 1, as the y axis's 0 stands at the corner.
	yt := []float64{0, 0.25, 0.5, 0.75, 1}
	if h < 4.5*lh {
		yt = []float64{0, 0.5, 1}
	}
	for _, t := range yt {
		line(dst, x, ay.px(t), x+w, ay.px(t), 1, gridLine)
		label(dst, number(t), x-2*s, ay.px(t), 1, 0.5, s, faint)
	}
	for _, t := range []float64{1, 2, 3} {
		label(dst, number(t), ax.px(t), y+h+3*s, 0.5, 0, s, faint)
	}
	eps := v.st.Float("eps")
	line(dst, ax.px(eps), y, ax.px(eps), y+h, 1*s, yellow)
	label(dst, "ε", (ax.px(2)+ax.px(3))/2, y+h+3*s, 0.5, 0, s, faint)
	frame(dst, x, y, w, h, 1*s, faint)
	plotArea(x, y, w, h, s)
	under := y + h + 3*s + lh
	if v.res == nil {
		return under
	}
	mu := float64(v.res.Mu)
	var px, py float64
	for i, e := range v.res.Expansion {
		bx, by := ax.px(e.Eps), ay.px(stats.Expansion(mu, e.Eps, v.res.Params.Sigma))
		if i > 0 {
			line(dst, px, py, bx, by, 2*s, ink)
		}
		px, py = bx, by
	}
	for _, e := range v.res.Expansion {
		dot(dst, ax.px(e.Eps), ay.px(e.Mass), 2.2*s, darkRed)
	}
	return under
}

// drawDistances compares the median distance from noisy points (with its
// 95% interval) to the isoperimetric bound -σΦ⁻¹(μ), and shows the
// clean point's own distance.
func (v *isoView) drawDistances(dst *ebiten.Image, x, y, w, h, s float64) {
	lh := lineHeight(s)
	bottom := y + h
	y = wrapped(dst, "distance to the set", x, y, w, s, ink) + 2*s
	if v.res == nil {
		label(dst, "measuring…", x, y, 0, 0, s, faint)
		return
	}
	r := v.res
	bound, med, clean := float64(r.Bound), float64(r.Median), float64(r.Clean)
	top := math.Max(float64(r.MedianCI[1]), med)
	for _, t := range []float64{bound, clean} {
		if !math.IsInf(t, 1) {
			top = math.Max(top, t)
		}
	}
	top = math.Max(top*1.15, 0.1)
	ax := axis{lo: 0, hi: top, p0: x + 4*s, p1: x + w - 4*s}
	rows := []struct {
		name string
		val  float64
		ci   [2]Float
	}{
		{"noisy median", med, [2]Float{r.MedianCI[0], r.MedianCI[1]}},
		{"bound", bound, [2]Float{}},
		{"from x", clean, [2]Float{}},
	}
	// Each row: its value, then its bar; the ratio under them if there is
	// room.
	bh := math.Min(lh+16*s, (bottom-y-lh)/float64(len(rows)))
	for i, row := range rows {
		yy := y + float64(i)*bh
		label(dst, row.name+" = "+scene.Num(row.val), x, yy, 0, 0, s, ink)
		barY := yy + lh + 1*s
		if math.IsInf(row.val, 1) {
			label(dst, "(no noisy point hit the set)", x, barY, 0, 0, s, faint)
			continue
		}
		col := blue
		switch i {
		case 1:
			col = ink
		case 2:
			col = faint
		}
		box(dst, ax.p0, barY, ax.px(row.val)-ax.p0, 10*s, col)
		if i == 0 {
			lo, hi := ax.px(float64(row.ci[0])), ax.px(math.Min(float64(row.ci[1]), top))
			line(dst, lo, barY+5*s, hi, barY+5*s, 2*s, darkRed)
			line(dst, lo, barY, lo, barY+10*s, 2*s, darkRed)
			line(dst, hi, barY, hi, barY+10*s, 2*s, darkRed)
		}
	}
	if foot := y + float64(len(rows))*bh; !math.IsInf(bound, 1) && bound > 0 && foot+lh <= bottom {
		label(dst, "median / bound = "+scene.Num(med/bound), x, foot, 0, 0, s, ink)
	}
}

// Float is scene.Float, short for the table above.
type Float = scene.Float
