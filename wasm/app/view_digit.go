//go:build js && wasm

package main

import (
	"fmt"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/core/slice"
	"noiseball/wasm/glyphs"
	"noiseball/wasm/jobs"
	"noiseball/wasm/scene"
	"noiseball/wasm/state"
)

// digitView is "your own digit": a pad to draw on (pointer, touch or
// keyboard), the 28×28 digit the model sees (centred the MNIST way) with
// its live prediction, and from a worker the nearest error (image,
// perturbation, distance against -σΦ⁻¹(μ)), the accuracy-vs-σ curve of
// this one input and a grid of noisy copies with their readings.
type digitView struct {
	a    *app
	lib  *library
	p    scene.Digit
	bits []bool // the pad, PadSide² cells
	// Drawing: the stroke in progress and its last cell.
	drawing      bool
	lastX, lastY float64
	erase        bool
	// Keyboard pen: its cell and whether it is down.
	penX, penY int
	penDown    bool
	keyboard   bool // the pen was used: show it
	copying    bool // "Copy test digit" waits for the test digits
	// The digit the model sees (bytes and values) and its live reading.
	pixels []byte
	x      []float64
	pred   int
	probs  []float64
	// The worker's result and the job.
	asked   string                   // the model last asked of the library
	shown   scene.Latch[scene.Digit] // parameters of the last job started
	changed time.Time
	task    *task
	res     *scene.DigitResult
	started time.Time
	pad     rect
	images  thumbs
}

func newDigitView(a *app) *digitView {
	return &digitView{a: a, lib: a.lib, penX: scene.PadSide / 2, penY: scene.PadSide / 2, images: thumbs{}}
}

func (v *digitView) apply(s state.State) {
	v.p = scene.NewDigit(s)
	if !v.drawing {
		bits, err := state.DecodeBits(v.p.Drawn, scene.PadSide*scene.PadSide)
		if err != nil {
			bits = make([]bool, scene.PadSide*scene.PadSide)
		}
		v.bits = bits
		v.read()
	}
	v.changed = time.Now()
}

func (v *digitView) caption() string {
	return "Draw a digit on the pad (mouse or touch; right button or “Eraser” erases). Keyboard: focus the figure with Tab, move the pen with the arrow keys, " +
		"Space lowers or lifts it, E switches between ink and eraser, C clears. The model reads the digit centred and scaled the way MNIST's digits are. " +
		"With no true label, an error is any reading other than the model's own: the nearest one is often a small, faint change (signed: red adds ink, blue removes it), " +
		"about as far as -σΦ⁻¹(μ) predicts from the error rate in noise, and the curve shows how accuracy on noisy copies of this one digit falls with σ."
}

func (v *digitView) actions() []action {
	return []action{
		{"Clear", "clear", "Erase the whole pad", func() { clear(v.bits); v.commit() }},
		{"Eraser", "erase", "Switch between ink and eraser", func() { v.erase = !v.erase }},
		{"Copy test digit", "copy", "Put the MNIST test digit chosen above on the pad, to edit", func() { v.copying = true; v.copyDigit() }},
		{"Open in slice explorer", "slice", "See the slice of input space through this digit", v.openSlice}}
}

// openSlice opens the slice explorer through the drawing.
func (v *digitView) openSlice() {
	if v.p.Drawn == "" {
		v.a.problem("Draw a digit first: the slice explorer needs one to go through.")
		return
	}
	v.a.open(fmt.Sprintf("#scene=%s&model=%s&digit=%s&sigma=%s&seed=%d", scene.SliceID, v.p.Model, v.p.Drawn, state.FormatNumber(v.p.Sigma), v.p.Seed))
}

func (v *digitView) cancel() {
	if v.task != nil {
		v.a.pool.cancel(v.task)
		v.task = nil
		v.a.showJob("Canceled. Change the drawing or a setting to read it again.", 0, 0)
	}
}

// copyDigit puts the chosen test digit on the pad once the test digits
// are here (their download starts with the first call).
func (v *digitView) copyDigit() {
	start := int(v.a.st.Float("start"))
	test := v.lib.testDigits(start + 1)
	if test == nil {
		return
	}
	v.copying = false
	x := make([]float64, data.MNISTPixels)
	test.Example(x, start)
	v.bits = scene.PadFromDigit(x)
	v.commit()
}

// key handles one key of the keyboard pen.
func (v *digitView) key(k string) {
	const step = 2 // one MNIST pixel
	v.keyboard = true
	moved := false
	switch k {
	case "ArrowLeft":
		v.penX, moved = max(0, v.penX-step), true
	case "ArrowRight":
		v.penX, moved = min(scene.PadSide-1, v.penX+step), true
	case "ArrowUp":
		v.penY, moved = max(0, v.penY-step), true
	case "ArrowDown":
		v.penY, moved = min(scene.PadSide-1, v.penY+step), true
	case " ", "Enter":
		v.penDown = !v.penDown
		moved = v.penDown
	case "e", "E":
		v.erase = !v.erase
	case "c", "C", "Delete":
		clear(v.bits)
		v.commit()
	}
	if moved && v.penDown {
		v.dab(float64(v.penX)+0.5, float64(v.penY)+0.5, !v.erase)
		v.commit()
	}
	v.a.dirty = true
}

// dab inks (or erases) the cells within the brush of pad point (x, y),
// in cells: a disk of radius 1.6 cells, about a 3-pixel MNIST stroke
// once normalized.
func (v *digitView) dab(x, y float64, on bool) {
	const r = 1.6
	for j := int(y - r); j <= int(y+r); j++ {
		for i := int(x - r); i <= int(x+r); i++ {
			if i >= 0 && j >= 0 && i < scene.PadSide && j < scene.PadSide && math.Hypot(float64(i)+0.5-x, float64(j)+0.5-y) <= r {
				v.bits[j*scene.PadSide+i] = on
			}
		}
	}
}

// commit writes the pad into the state (and so the URL) and rereads it.
func (v *digitView) commit() {
	v.a.set("digit", state.EncodeBits(v.bits))
	v.read()
}

// read centres the pad into the model's input and reads it at once on
// the page (one forward pass), so the prediction follows the pen.
func (v *digitView) read() {
	pixels, ok := scene.PadPixels(v.bits)
	v.pixels, v.x, v.probs = nil, nil, nil
	if !ok {
		return
	}
	v.pixels, v.x = pixels, make([]float64, data.MNISTPixels)
	data.BytesToPixels(v.x, pixels)
	if net := v.lib.net(v.p.Model); net != nil {
		z := net.Logits(v.x, 1)
		pred := []int{0}
		nn.Argmax(pred, z, net.Classes())
		v.pred, v.probs = pred[0], scene.Softmax(z)
	}
}

func (v *digitView) summary() string {
	switch {
	case v.lib.problem() != "":
		return v.lib.problem()
	case v.pixels == nil:
		return "The pad is empty: draw a digit, or copy a test digit to edit."
	case v.res == nil:
		if v.probs != nil {
			return fmt.Sprintf("%s reads your digit as a %d (probability %s); measuring its nearest error and its error rate in noise…", v.p.Model, v.pred, scene.Num(v.probs[v.pred]))
		}
		return "Loading the model…"
	}
	return v.res.Summary()
}

func (v *digitView) exports() exporter {
	if v.res == nil {
		return nil
	}
	return v.res
}

func (v *digitView) leave() {
	if v.task != nil {
		v.a.pool.cancel(v.task)
		v.task = nil
		v.shown.Reset()
	}
}

func (v *digitView) busy() (*task, float64, float64) {
	return v.task, v.pad.x + v.pad.w - 22*v.a.dpr, v.pad.y + 22*v.a.dpr
}

// grabs: the pad, where a finger draws.
func (v *digitView) grabs(x, y float64) bool { return v.pad.contains(x, y) }

func (v *digitView) update(p pointer, w, h float64) bool {
	redraw := false
	in := p.in && p.x >= v.pad.x && p.y >= v.pad.y && p.x < v.pad.x+v.pad.w && p.y < v.pad.y+v.pad.h
	cell := v.pad.w / scene.PadSide
	if p.press && in {
		v.drawing = true
		v.lastX, v.lastY = (p.x-v.pad.x)/cell, (p.y-v.pad.y)/cell
	}
	if v.drawing && p.down {
		x, y := (p.x-v.pad.x)/cell, (p.y-v.pad.y)/cell
		steps := int(math.Hypot(x-v.lastX, y-v.lastY)/0.5) + 1
		for k := 1; k <= steps; k++ {
			t := float64(k) / float64(steps)
			v.dab(v.lastX+t*(x-v.lastX), v.lastY+t*(y-v.lastY), !(v.erase || p.alt))
		}
		v.lastX, v.lastY = x, y
		v.read()
		redraw = true
	}
	if v.drawing && !p.down {
		v.drawing = false
		v.commit()
	}
	if v.copying {
		v.copyDigit()
	}
	// Ask for the model once per choice (a download, or for "file" a
	// sentence asking for one); read the pad once it is here.
	if v.asked != v.p.Model {
		v.asked = v.p.Model
		v.lib.model(v.p.Model)
	}
	net := v.lib.net(v.p.Model)
	if net != nil && v.probs == nil && v.pixels != nil {
		v.read()
		redraw = true
	}
	// Measure once the pad has been still for a moment.
	if v.shown.Changed(v.p) && net != nil && !v.drawing && time.Since(v.changed) > 300*time.Millisecond && v.lib.problem() == "" {
		weights, _ := v.lib.model(v.p.Model)
		v.shown.Set(v.p)
		v.start(weights)
	}
	return redraw
}

// start reads the current digit in a worker.
func (v *digitView) start(weights []byte) {
	v.a.pool.cancel(v.task)
	v.task, v.res = nil, nil
	byID("figure").Call("removeAttribute", "data-measured")
	v.a.dirty = true
	if v.pixels == nil {
		v.a.showJob("", 0, 0)
		return
	}
	v.started = time.Now()
	v.task = startJob(v.a, jobs.Digit, v.p, &jobs.Inputs{Pixels: v.pixels, Weights: weights}, "Reading your digit", "Reading your digit",
		func(r scene.DigitResult, _ bool) { v.res = &r }, func() { v.task = nil })
}

func (v *digitView) draw(dst *ebiten.Image, s float64) {
	b := dst.Bounds()
	W, H := float64(b.Dx()), float64(b.Dy())
	lh := lineHeight(s)
	top := 3*s + lh + 3*s
	// The pad's note under it takes as many lines as the pad's width needs.
	// A phone's narrow figure gives the pad a larger share, for a finger.
	share := 0.36
	if W/s < 520 {
		share = 0.44
	}
	side := math.Floor(math.Min(H-top-2*lh-8*s, W*share)/scene.PadSide) * scene.PadSide
	note := glyphs.Wrap("56×56 pad, centred to 28×28 for the model", side/s)
	side = math.Floor(math.Min(H-top-float64(len(note))*lh-8*s, W*share)/scene.PadSide) * scene.PadSide
	v.pad = rect{0, top, side, side}
	mode := "ink"
	if v.erase {
		mode = "eraser"
	}
	label(dst, "draw here ("+mode+")", 0, 3*s, 0, 0, s, ink)
	box(dst, v.pad.x, v.pad.y, side, side, ink)
	cell := side / scene.PadSide
	for i, on := range v.bits {
		if on {
			box(dst, v.pad.x+float64(i%scene.PadSide)*cell, v.pad.y+float64(i/scene.PadSide)*cell, cell, cell, panelBg)
		}
	}
	if v.keyboard {
		c := red
		if v.penDown {
			c = green
		}
		frame(dst, v.pad.x+float64(v.penX)*cell-cell, v.pad.y+float64(v.penY)*cell-cell, 3*cell, 3*cell, 2*s, c)
	}
	frame(dst, v.pad.x, v.pad.y, side, side, 1*s, faint)
	plotArea(v.pad.x, v.pad.y, side, side, s)
	for i, l := range note {
		label(dst, l, 0, v.pad.y+side+4*s+float64(i)*lh, 0, 0, s, faint)
	}

	x0 := side + 14*s
	colW := (W - x0 - 10*s) / 2
	v.drawReading(dst, x0, colW, H, s)
	v.drawNoise(dst, x0+colW+10*s, W, H, s)
}

// drawReading paints, from x0 in a column colW wide, the model's input
// and its probabilities, then the nearest error, the change and the
// numbers beside the bound, each line wrapped to the column.
func (v *digitView) drawReading(dst *ebiten.Image, x0, colW, H, s float64) {
	lh := lineHeight(s)
	k := math.Max(1, math.Floor(math.Min(colW/2-6*s, (H-6*lh-30*s)/2)/28))
	sz := 28 * k
	y := 3*s + lh + 3*s
	// The input and its reading: one bar per class, named where the rows
	// are tall enough for their digits.
	if v.pixels != nil {
		v.images.digit(dst, "model input", v.x, nil, x0, y, k, s)
	}
	if v.probs != nil {
		bx, row := x0+sz+6*s, sz/10
		named := row >= lh-1
		barX, barW := bx, colW-sz-10*s
		if named {
			barX, barW = bx+10*s, barW-10*s
		}
		for c, pr := range v.probs {
			yy := y + float64(c)*row
			if named {
				label(dst, fmt.Sprint(c), bx, yy+row/2, 0, 0.5, s, ink)
			}
			box(dst, barX, yy+1*s, math.Max(pr*barW, 1), math.Max(row-2*s, 1), slice.ClassColor(c, 5, 5))
		}
		label(dst, fmt.Sprintf("reads a %d", v.pred), x0, y+sz+4*s, 0, 0, s, ink)
	}
	r := v.res
	// The nearest error.
	y1 := y + sz + 4*s + lh + 6*s + lh + 3*s
	if r != nil && r.Found && len(r.Adv) == data.MNISTPixels {
		x := make([]float64, data.MNISTPixels)
		data.BytesToPixels(x, r.Pixels)
		diff := make([]float64, data.MNISTPixels)
		for i := range diff {
			diff[i] = r.Adv[i] - x[i]
		}
		v.images.digit(dst, fmt.Sprintf("nearest: a %d", r.AdvPred), r.Adv, nil, x0, y1, k, s)
		v.images.digit(dst, "change", nil, diff, x0+math.Max(sz, textWidth(fmt.Sprintf("nearest: a %d", r.AdvPred), s))+8*s, y1, k, s)
		ly := wrapped(dst, "|change| = "+scene.Num(float64(r.Distance)), x0, y1+sz+4*s, colW, s, ink)
		if r.Samples == scene.SliceNoise {
			ly = wrapped(dst, "−σΦ⁻¹(μ) = "+scene.Num(float64(r.Bound)), x0, ly, colW, s, ink)
			wrapped(dst, fmt.Sprintf("μ = %s at σ = %s", scene.Num(float64(r.Mu)), scene.Num(r.Params.Sigma)), x0, ly, colW, s, faint)
		}
	} else if v.pixels != nil {
		wrapped(dst, "finding the nearest error…", x0, y1-lh, colW, s, faint)
	}
}

// drawNoise paints, from cx to the figure's right edge, the accuracy in
// noise against σ and the grid of noisy copies at σ with their readings.
func (v *digitView) drawNoise(dst *ebiten.Image, cx, W, H, s float64) {
	r := v.res
	lh := lineHeight(s)
	cw := W - cx - 8*s
	y := wrapped(dst, "accuracy in noise against σ", cx, 3*s, cw, s, ink) + 8*s
	left := textWidth("0.5", s) + 6*s
	pr := rect{cx + left, y, cw - left, math.Max(H*0.42-y, 30*s)}
	box(dst, pr.x, pr.y, pr.w, pr.h, panelBg)
	ax := axis{lo: 0, hi: 1, p0: pr.x, p1: pr.x + pr.w}
	ay := axis{lo: 0, hi: 1, p0: pr.y + pr.h, p1: pr.y}
	for _, t := range []float64{0, 0.5, 1} {
		line(dst, pr.x, ay.px(t), pr.x+pr.w, ay.px(t), 1, gridLine)
		label(dst, number(t), pr.x-3*s, ay.px(t), 1, 0.5, s, faint)
		labelWithin(dst, number(t), ax.px(t), pr.y+pr.h+3*s, 0.5, 0, cx, W, s, faint)
	}
	line(dst, ax.px(v.p.Sigma), pr.y, ax.px(v.p.Sigma), pr.y+pr.h, 1.5*s, yellow)
	if r != nil {
		var px, py float64
		for i, c := range r.Curve {
			qx, qy := ax.px(c.Sigma), ay.px(c.Accuracy)
			if i > 0 {
				line(dst, px, py, qx, qy, 2*s, blue)
			}
			dot(dst, qx, qy, 2.5*s, blue)
			px, py = qx, qy
		}
	}
	frame(dst, pr.x, pr.y, pr.w, pr.h, 1*s, faint)
	plotArea(pr.x, pr.y, pr.w, pr.h, s)
	// The noisy copies at σ.
	gy := wrapped(dst, "noisy copies at σ = "+scene.Num(v.p.Sigma)+", read as", cx, pr.y+pr.h+3*s+lh+6*s, cw, s, ink) + 3*s
	if r != nil && len(r.Noisy) == scene.DigitGrid*data.MNISTPixels {
		// Four to a row at a whole number of device pixels a pixel (one
		// CSS pixel at least); on a narrow figure fewer to a row, and as
		// many rows as fit.
		gk := math.Max(s, math.Floor(math.Min(cw/4-14*s, (H-gy-4*s)/4-6*s)/28))
		cols := max(1, min(4, int(cw/(28*gk+14*s))))
		rows := min((scene.DigitGrid+cols-1)/cols, int((H-gy)/(28*gk+6*s)))
		for i := range min(scene.DigitGrid, cols*rows) {
			gx, gyy := cx+float64(i%cols)*(28*gk+14*s), gy+float64(i/cols)*(28*gk+6*s)
			const d = data.MNISTPixels
			x := make([]float64, d)
			data.BytesToPixels(x, r.Noisy[i*d:(i+1)*d])
			c := ink
			if r.NoisyPred[i] != r.Pred {
				c = darkRed
			}
			v.images.image(dst, fmt.Sprintf("noisy %d", i), x, nil, gx, gyy, gk)
			label(dst, fmt.Sprint(r.NoisyPred[i]), gx+28*gk+2*s, gyy+14*gk, 0, 0.5, s, c)
		}
	}
}
