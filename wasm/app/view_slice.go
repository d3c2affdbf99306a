//go:build js && wasm

package main

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"
	"syscall/js"
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

// sliceView is the slice explorer (the paper's Fig. 3): the plane through
// a test digit spanned by the direction to its nearest error and a random
// noise direction, colored by the predicted class as a worker fills it
// coarse to fine, with the noise circle of radius σ√n, the digit and its
// nearest error; beside it the clean, nearest-error, difference and
// hovered images with the model's probabilities.
type sliceView struct {
	a     *app
	p     scene.Slice
	shown scene.Latch[scene.Slice] // parameters of the last job started
	task  *task
	res   *scene.SliceResult
	grid  *ebiten.Image
	gpix  []byte
	lib   *library
	x     []float64 // the digit of the current slice
	// Hover.
	hoverS, hoverT float64
	hovering       bool
	// searchWaits: "Misclassified digit" was pressed and waits for the
	// model or all 10,000 test digits to arrive.
	searchWaits bool
	// The input under the pointer and the model's probabilities there,
	// computed in Update.
	hoverPt, hoverProbs []float64
	plane               rect
	started             time.Time
	images              thumbs
}

func newSliceView(a *app) *sliceView {
	return &sliceView{a: a, lib: a.lib, images: thumbs{}}
}

func (v *sliceView) apply(s state.State) { v.p = scene.NewSlice(s) }

func (v *sliceView) caption() string {
	if v.p.Plane == "random" {
		return "A two-dimensional slice of the 784-dimensional input space through a test digit (white mark) along two random directions. " +
			"Colors are the model's predicted classes. In typical directions the boundary is far away, often beyond the red circle of radius σ√n " +
			"where noisy copies lie (dots; dark red when misclassified); the nearest error (in the numbers) lies in a rare direction. Hover or tap to see the image at any point (or focus the figure and use the arrow keys)."
	}
	return "A two-dimensional slice of the 784-dimensional input space through a test digit (white mark): across, the direction to " +
		"its nearest error (black mark); up, a random noise direction. Colors are the model's predicted classes. Noisy copies of the digit " +
		"lie near the red circle of radius σ√n, far beyond the nearest error: errors close by and error rate in noise go together. " +
		"The dots are the 500 noisy copies behind μ, placed by how far each goes toward the error (across) and the rest of its length (up or down); dark red ones are misclassified. Hover or tap to see the image at any point (or focus the figure and use the arrow keys)."
}

func (v *sliceView) actions() []action {
	return []action{
		{"Random digit", "random", "Pick a random test digit", v.randomDigit},
		{"Misclassified digit", "misclassified", "Go to the next test digit this model gets wrong", v.findMisclassified},
		{"New direction", "reseed", "Draw another random direction (next seed)", func() { v.a.set("seed", fmt.Sprint(v.p.Seed%1e9+1)) }},
		{"Load weights…", "load", "Run your own model: a safetensors file of a 1×28×28 → 10 network (PyTorch names and layouts)", v.pickFile}}
}

// randomDigit moves to the next digit of a walk seeded by the current
// one, so the sequence is the same for everyone.
func (v *sliceView) randomDigit() {
	r := rand.New(rand.NewPCG(v.p.Seed, uint64(v.p.Image)))
	v.a.set("digit", "")
	v.a.set("image", fmt.Sprint(r.IntN(v.lib.digitCount())))
}

func (v *sliceView) cancel() {
	v.searchWaits = false
	if v.task != nil {
		v.a.pool.cancel(v.task)
		v.task = nil
		v.a.showJob("Canceled. Change a setting to compute the slice again.", 0, 0)
	}
}

func (v *sliceView) summary() string {
	switch {
	case v.lib.problem() != "":
		return v.lib.problem()
	case v.res == nil:
		return "Loading the model and the test digits, then computing the slice…"
	}
	return v.res.Summary()
}

func (v *sliceView) exports() exporter {
	if v.res == nil {
		return nil
	}
	return v.res
}

// grabs nothing: a tap on the plane (which the browser turns into a
// click) reads the image there, and a swipe scrolls the page.
func (v *sliceView) grabs(x, y float64) bool { return false }

func (v *sliceView) update(p pointer, w, h float64) bool {
	redraw := false
	if v.shown.Changed(v.p) && v.lib.problem() == "" {
		byID("figure").Call("removeAttribute", "data-measured")
		weights, net := v.lib.model(v.p.Model)
		if test := v.lib.testDigits(v.p.Image + 1); weights != nil && test != nil {
			v.start(weights, net, test)
			v.shown.Set(v.p)
		}
	}
	if v.searchWaits && v.lib.problem() == "" {
		v.findMisclassified()
	}
	in := p.in && p.x >= v.plane.x && p.y >= v.plane.y && p.x < v.plane.x+v.plane.w && p.y < v.plane.y+v.plane.h
	if in && v.res != nil {
		e := v.res.Extent
		s := -e + (p.x-v.plane.x)/v.plane.w*2*e
		t := e - (p.y-v.plane.y)/v.plane.h*2*e
		if !v.hovering || s != v.hoverS || t != v.hoverT {
			v.hoverS, v.hoverT, v.hovering = s, t, true
			v.hoverAt(s, t)
			redraw = true
		}
	}
	return redraw
}

// probeSteps is how many arrow presses cross half the plane.
const probeSteps = 16

// key moves the probe with the arrow keys (from the digit, at the
// plane's centre, on the first press), as the pointer moves it.
func (v *sliceView) key(k string) {
	if v.res == nil {
		return
	}
	e := v.res.Extent
	if !v.hovering {
		v.hoverS, v.hoverT, v.hovering = 0, 0, true
	}
	step := e / probeSteps
	switch k {
	case "ArrowLeft":
		v.hoverS -= step
	case "ArrowRight":
		v.hoverS += step
	case "ArrowUp":
		v.hoverT += step
	case "ArrowDown":
		v.hoverT -= step
	}
	v.hoverS, v.hoverT = math.Max(-e, math.Min(e, v.hoverS)), math.Max(-e, math.Min(e, v.hoverT))
	v.hoverAt(v.hoverS, v.hoverT)
	v.a.dirty = true
}

// input returns the digit the slice goes through, as pixel bytes and
// values, and its label: a test digit, or a drawing from the digit
// scene, whose label is the model's own reading of it.
func (v *sliceView) input(net *nn.Network, test *data.Set) (pixels []byte, x []float64, label int, err error) {
	x = make([]float64, data.MNISTPixels)
	if v.p.Drawn == "" {
		label = test.Example(x, v.p.Image)
		pixels = make([]byte, len(x))
		data.PixelsToBytes(pixels, x)
		return pixels, x, label, nil
	}
	pixels, ok, err := scene.DrawnPixels(v.p.Drawn)
	if err == nil && !ok {
		err = fmt.Errorf("the drawing is empty")
	}
	if err != nil {
		return nil, nil, 0, err
	}
	data.BytesToPixels(x, pixels)
	pred := []int{0}
	nn.Argmax(pred, net.Logits(x, 1), net.Classes())
	return pixels, x, pred[0], nil
}

// start submits the slice job for the current parameters.
func (v *sliceView) start(weights []byte, net *nn.Network, test *data.Set) {
	v.a.pool.cancel(v.task)
	pixels, x, y, err := v.input(net, test)
	if err != nil {
		v.a.problem("This slice cannot be shown: " + err.Error() + ". Draw a digit in “Your own digit” and open it from there.")
		return
	}
	v.x = x
	v.res, v.hovering, v.started = nil, false, time.Now()
	v.a.dirty = true
	v.a.showJob("Computing the slice…", 0, 1)
	in := &jobs.Inputs{Labels: []byte{byte(y)}, Pixels: pixels, Weights: weights}
	v.task = startJob(v.a, jobs.Slice, v.p, in, "Computing the slice", "The slice",
		func(r scene.SliceResult, _ bool) { v.res = &r }, func() { v.task = nil })
}

func (v *sliceView) leave() {
	v.searchWaits = false
	if v.task != nil {
		v.a.pool.cancel(v.task)
		v.task = nil
		v.shown.Reset()
	}
}

func (v *sliceView) busy() (*task, float64, float64) {
	return v.task, v.plane.x + v.plane.w - 22*v.a.dpr, v.plane.y + 22*v.a.dpr
}

func (v *sliceView) draw(dst *ebiten.Image, s float64) {
	b := dst.Bounds()
	W, H := float64(b.Dx()), float64(b.Dy())
	across := "toward the nearest error"
	if v.p.Plane == "random" {
		across = "a random direction"
	}
	which := fmt.Sprintf("test digit %d", v.p.Image)
	if v.p.Drawn != "" {
		which = "your digit"
	}
	r := v.res
	// Title above, the plane's caption line(s) below, the plane between.
	top := wrapped(dst, fmt.Sprintf("%s, %s: across, %s; up, a random direction", v.p.Model, which, across), 0, 2*s, W, s, ink) + 3*s
	var foot []string
	if r != nil && len(r.Classes) > 0 {
		foot = glyphs.Wrap("circle: σ√n = "+scene.Num(r.Radius)+"; nearest error "+scene.Num(float64(r.Distance))+
			fmt.Sprintf("; %d/%d noisy copies wrong (dark red)", r.Errors, r.Samples), W/s)
	}
	side := math.Min(H-top-3*s-float64(len(foot))*lineHeight(s), W*0.56)
	v.plane = rect{0, top, side, side}
	for i, l := range foot {
		label(dst, l, 0, top+side+3*s+float64(i)*lineHeight(s), 0, 0, s, ink)
	}
	box(dst, v.plane.x, v.plane.y, side, side, panelBg)
	if r == nil || len(r.Classes) == 0 {
		msg := "loading..."
		if v.lib.problem() != "" {
			msg = "unavailable: see the message below"
		}
		label(dst, msg, side/2, v.plane.y+side/2, 0.5, 0.5, s, faint)
		frame(dst, v.plane.x, v.plane.y, side, side, 1*s, faint)
		plotArea(v.plane.x, v.plane.y, side, side, s)
		return
	}
	v.drawPlane(dst, r, side, s)
	v.drawPanel(dst, r, side+14*s, top, W, H, s)
}

// drawPlane paints the slice's grid, the noise circle, the noisy copies,
// the digit, its nearest error and the hovered point, and the caption
// line under the plane.
func (v *sliceView) drawPlane(dst *ebiten.Image, r *scene.SliceResult, side, s float64) {
	n := r.N
	if v.grid == nil {
		v.grid = ebiten.NewImage(n, n)
		v.gpix = make([]byte, 4*n*n)
	}
	for i, c := range r.Classes {
		col := slice.ClassColor(int(c), float64(r.Margins[i]), 5)
		v.gpix[4*i], v.gpix[4*i+1], v.gpix[4*i+2], v.gpix[4*i+3] = col.R, col.G, col.B, 0xff
	}
	v.grid.WritePixels(v.gpix)
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(side/float64(n), side/float64(n))
	op.GeoM.Translate(v.plane.x, v.plane.y)
	dst.DrawImage(v.grid, op)
	px := func(st, tt float64) (float64, float64) {
		return v.plane.x + (st+r.Extent)/(2*r.Extent)*side, v.plane.y + (r.Extent-tt)/(2*r.Extent)*side
	}
	cx, cy := px(0, 0)
	sub := dst.SubImage(rectF(v.plane.x, v.plane.y, v.plane.x+side, v.plane.y+side)).(*ebiten.Image)
	strokeCircle(sub, cx, cy, r.Radius/(2*r.Extent)*side, 2*s, red)
	// The noisy copies (placed by their approach to U and the rest of
	// their length): correct ones small and white, wrong ones dark red.
	right := dots(1.2*s, noiseDot)
	rims := dots(3*s, ink)
	wrong := dots(2*s, darkRed)
	for i := range r.NoiseS {
		nx, ny := px(float64(r.NoiseS[i]), float64(r.NoiseT[i]))
		if r.NoiseWrong[i] {
			rims.at(sub, nx, ny)
		} else {
			right.at(sub, nx, ny)
		}
	}
	for i := range r.NoiseS {
		if r.NoiseWrong[i] {
			nx, ny := px(float64(r.NoiseS[i]), float64(r.NoiseT[i]))
			wrong.at(sub, nx, ny)
		}
	}
	dot(dst, cx, cy, 4*s, color.White)
	strokeCircle(dst, cx, cy, 4*s, 1*s, ink)
	if r.Found && r.Params.Plane != "random" {
		ex, ey := px(float64(r.Distance), 0)
		dot(dst, ex, ey, 4*s, ink)
	}
	if v.hovering {
		hx, hy := px(v.hoverS, v.hoverT)
		strokeCircle(dst, hx, hy, 5*s, 1.5*s, ink)
	}
	frame(dst, v.plane.x, v.plane.y, side, side, 1*s, faint)
	plotArea(v.plane.x, v.plane.y, side, side, s)

}

// drawPanel paints, right of the plane from x0 and down from y0, the
// class legend, the digit, its nearest error and the change, and the
// hovered point with the model's probabilities there, in as many rows
// as the panel's width needs.
func (v *sliceView) drawPanel(dst *ebiten.Image, r *scene.SliceResult, x0, y0, W, H, s float64) {
	pw := W - x0
	lh := lineHeight(s)
	// The legend: ten swatches, in one row or two.
	per := 10
	if pw < 10*22*s {
		per = 5
	}
	for c := range 10 {
		bx, by := x0+float64(c%per)*22*s, y0+float64(c/per)*18*s
		box(dst, bx, by, 18*s, 14*s, slice.ClassColor(c, 5, 5))
		label(dst, fmt.Sprint(c), bx+9*s, by+7*s, 0.5, 0.5, s, ink)
	}
	y := y0 + float64((9/per)+1)*18*s + 6*s
	// The digits: three to a row where they fit at 2 CSS pixels a pixel
	// (their names need that width), else two; each as large as the room
	// allows, in whole device pixels a pixel.
	cols := 3.0
	if pw < 3*56*s+2*8*s {
		cols = 2
	}
	rows := 2.0
	if !r.Found {
		rows = 1
	}
	if cols == 3 {
		rows = 1
	}
	scale := math.Max(2*s, math.Floor(math.Min((pw-(cols-1)*8*s)/cols, (H-y)/rows-lh-6*s)/28))
	sz := 28 * scale
	x := v.x
	cell := func(i int) (float64, float64) {
		return x0 + float64(i%int(cols))*(sz+8*s), y + lh + 3*s + float64(i/int(cols))*(sz+lh+8*s)
	}
	cx, cy := cell(0)
	v.images.digit(dst, "clean", x, nil, cx, cy, scale, s)
	if r.Found {
		cx, cy = cell(1)
		v.images.digit(dst, "nearest", r.Adv, nil, cx, cy, scale, s)
		diff := make([]float64, len(x))
		for i := range diff {
			diff[i] = r.Adv[i] - x[i]
		}
		cx, cy = cell(2)
		v.images.digit(dst, "change", nil, diff, cx, cy, scale, s)
	}
	// The hovered point, under them where there is room (the page's
	// readout under the figure says the same in words).
	y0 = cy + sz + lh + 8*s
	if !v.hovering || v.hoverPt == nil || y0+sz > H || W-(x0+sz+14*s) < 80*s {
		return
	}
	v.images.digit(dst, fmt.Sprintf("at (%.2f, %.2f)", v.hoverS, v.hoverT), v.hoverPt, nil, x0, y0, scale, s)
	if probs := v.hoverProbs; probs != nil {
		// The model's probabilities there, one row per class.
		bx, row := x0+sz+14*s, math.Min(13*s, (H-y0)/10)
		barW := W - bx - 40*s
		for c, pr := range probs {
			yy := y0 - 4*s + float64(c)*row
			label(dst, fmt.Sprint(c), bx, yy+row/2, 0, 0.5, s, ink)
			box(dst, bx+10*s, yy+2*s, math.Max(pr*barW, 1), row-4*s, slice.ClassColor(c, 5, 5))
			label(dst, fmt.Sprintf("%.2f", pr), bx+14*s+pr*barW, yy+row/2, 0, 0.5, s, faint)
		}
	}
}

// hoverAt computes, in Update, the input at plane coordinates (s, t)
// and the model's probabilities there, which draw shows.
func (v *sliceView) hoverAt(s, t float64) {
	v.hoverPt, v.hoverProbs = nil, nil
	if v.res == nil || v.x == nil {
		return
	}
	v.hoverPt = make([]float64, len(v.x))
	v.res.Point(v.hoverPt, v.x, s, t)
	if net := v.lib.net(v.res.Params.Model); net != nil {
		v.hoverProbs = scene.Softmax(net.Logits(v.hoverPt, 1))
	}
	v.a.probe(v.probeText())
}

// probeText says what the model reads at the probe, for the DOM.
func (v *sliceView) probeText() string {
	if v.hoverProbs == nil {
		return ""
	}
	c := 0
	for k, p := range v.hoverProbs {
		if p > v.hoverProbs[c] {
			c = k
		}
	}
	return fmt.Sprintf("At (%s, %s) in the plane (across, up), %s reads a %d with probability %.2f.",
		scene.Num(v.hoverS), scene.Num(v.hoverT), v.res.Params.Model, c, v.hoverProbs[c])
}

// misclassifiedSpan is how many digits one search for a misclassified
// digit looks through (a cnn errs on about one in a hundred).
const misclassifiedSpan = 2000

// findMisclassified moves to the next test digit, after the current one,
// that the model gets wrong, searching in a worker.
func (v *sliceView) findMisclassified() {
	weights, _ := v.lib.model(v.p.Model)
	// The search looks beyond the first 1,000 digits: it asks for all, and
	// runs once they are here (update calls again while searchWaits).
	count := v.lib.digitCount()
	test := v.lib.testDigits(count)
	v.searchWaits = weights == nil || test == nil
	if v.searchWaits {
		return
	}
	first := (v.p.Image + 1) % count
	n := min(misclassifiedSpan, count-first)
	labels, pixels := packDigits(test, first, n)
	in := &jobs.Inputs{Labels: labels, Pixels: pixels, Weights: weights}
	startJob(v.a, jobs.Misclassified, jobs.MisclassifiedParams{Model: v.p.Model, First: first}, in,
		"Looking for a misclassified digit", "The search for a misclassified digit",
		func(r jobs.MisclassifiedResult, _ bool) {
			if r.Index >= 0 {
				v.a.set("digit", "")
				v.a.set("image", fmt.Sprint(r.Index))
				return
			}
			v.a.problem(fmt.Sprintf("%s gets test digits %d to %d all right; try again from another digit.", v.p.Model, first, first+n-1))
		}, nil)
}

// pickFile lets the visitor choose a safetensors file; once read and
// checked (nn.Load), it becomes the model "file" of the slice.
func (v *sliceView) pickFile() {
	in := el("input", map[string]string{"type": "file", "accept": ".safetensors", "hidden": ""}, "")
	document.Get("body").Call("appendChild", in)
	var onChange js.Func
	onChange = js.FuncOf(func(js.Value, []js.Value) any {
		onChange.Release()
		files := in.Get("files")
		in.Call("remove")
		if files.Length() == 0 {
			return nil
		}
		file := files.Index(0)
		name := file.Get("name").String()
		var onData js.Func
		onData = js.FuncOf(func(_ js.Value, args []js.Value) any {
			onData.Release()
			arr := js.Global().Get("Uint8Array").New(args[0])
			b := make([]byte, arr.Get("length").Int())
			js.CopyBytesToGo(b, arr)
			net, _, err := nn.Load(bytes.NewReader(b))
			if err == nil {
				err = net.Accepts(nn.MNIST, data.MNISTClasses)
			}
			if err != nil {
				msg := "The file " + name + " is not a model this page can run: " + err.Error() + "."
				v.a.send(domEvent{do: func() { v.a.problem(msg) }})
				return nil
			}
			v.lib.setModel(scene.UserModel, b, net)
			v.a.send(domEvent{do: func() { v.a.showUserModel(name) }})
			v.a.send(domEvent{param: "model", value: scene.UserModel})
			v.a.send(domEvent{do: v.shown.Reset}) // the same name, new weights: compute again
			return nil
		})
		file.Call("arrayBuffer").Call("then", onData)
		return nil
	})
	in.Call("addEventListener", "change", onChange)
	in.Call("click")
}
