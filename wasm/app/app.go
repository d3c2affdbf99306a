//go:build js && wasm

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"sync"
	"syscall/js"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"noiseball/wasm/glyphs"
	"noiseball/wasm/jobs"
	"noiseball/wasm/layout"
	"noiseball/wasm/scene"
	"noiseball/wasm/state"
)

// paper is the page's background color; the canvas fills everything
// outside the figure with it.
var paper = color.RGBA{0xfa, 0xfa, 0xf7, 0xff}

// rect is a rectangle in CSS pixels.
type rect struct{ x, y, w, h float64 }

// contains reports whether (x, y) lies in r.
func (r rect) contains(x, y float64) bool { return x >= r.x && y >= r.y && x < r.x+r.w && y < r.y+r.h }

// pointer is the mouse or first touch in figure coordinates (device
// pixels of the figure image).
type pointer struct {
	x, y                  float64
	in, down, press, lift bool
	alt                   bool // right button: erase while painting
}

// view is one scene as the app shows it. Views read their numbers from
// package scene and draw them; parameter changes go through app.set so
// the URL, the controls and the view stay in step.
type view interface {
	// apply takes the current parameters (also when the scene is shown).
	apply(s state.State)
	// update handles the pointer and reports whether the figure must be
	// redrawn.
	update(p pointer, w, h float64) bool
	// draw paints the figure into dst (w×h device pixels, scale dpr).
	draw(dst *ebiten.Image, dpr float64)
	summary() string
	caption() string
	// actions are the scene's own buttons.
	actions() []action
	// cancel stops the running job (the job panel's Cancel).
	cancel()
	// exports returns the numbers behind the figure, or nil while there
	// are none yet (a measurement still running).
	exports() exporter
	// busy returns the running job and where its progress ring goes
	// (figure pixels), or a nil task.
	busy() (t *task, x, y float64)
	// grabs reports whether a touch that starts at (x, y) (figure
	// pixels) belongs to the figure: on a handle (a drag there moves
	// what it holds) or on a drawing surface. Any other touch is the
	// page's: a swipe scrolls (see touchScroll), and a tap reaches the
	// view as the click the browser makes of it.
	grabs(x, y float64) bool
	// leave stops the view's work when another scene is shown; it starts
	// again when the view comes back.
	leave()
}

// action is a button: its text, the id of its element ("a-" + id, which
// the page's tests press), its description, and what it does (in the
// game loop).
type action struct {
	label, id, help string
	do              func()
}

// touchScroll lets a touch on the figure scroll the page unless the
// view grabs it: Ebiten cancels every touch on its canvas (so a swipe on
// the figure never scrolled the page on a phone). Listeners on the
// window, in the capture phase, keep a touch that starts outside the
// figure's interactive part (and the rest of its gesture) from reaching
// the canvas, and the browser scrolls (the canvas's touch-action is
// manipulation).
func (a *app) touchScroll() []js.Func {
	scrolling := false
	start := js.FuncOf(func(_ js.Value, args []js.Value) any {
		e := args[0]
		if e.Get("target").Get("tagName").String() != "CANVAS" {
			return nil
		}
		t := e.Get("touches").Index(0)
		x := (t.Get("clientX").Float() - a.rect.x) * a.dpr
		y := (t.Get("clientY").Float() - a.rect.y) * a.dpr
		in := x >= 0 && y >= 0 && x < a.rect.w*a.dpr && y < a.rect.h*a.dpr
		scrolling = !in || !a.cur.grabs(x, y)
		// What the touch did, for the page's tests.
		js.Global().Get("noiseball").Set("touch", map[bool]string{true: "scroll", false: "figure"}[scrolling])
		if scrolling {
			e.Call("stopPropagation")
		}
		return nil
	})
	rest := js.FuncOf(func(_ js.Value, args []js.Value) any {
		e := args[0]
		if scrolling {
			e.Call("stopPropagation")
			if e.Get("touches").Length() == 0 {
				scrolling = false
			}
		}
		return nil
	})
	opts := map[string]any{"capture": true, "passive": true}
	js.Global().Call("addEventListener", "touchstart", start, opts)
	for _, typ := range []string{"touchmove", "touchend", "touchcancel"} {
		js.Global().Call("addEventListener", typ, rest, opts)
	}
	return []js.Func{start, rest}
}

// keepCanvasOutOfTabOrder takes Ebiten's canvas out of the keyboard's
// way: Ebiten makes it focusable (tabindex 1, first in the Tab order) and
// swallows every key it receives, Tab included, so a keyboard user who
// reached it, or clicked the figure, was trapped. The canvas leaves the
// Tab order and the accessibility tree (#figure, focusable, labelled,
// with the page's keys, stands for it), and focus it receives, as
// Ebiten gives it on a click or a touch, moves to #figure. Pointer input
// does not need focus and keeps working.
func keepCanvasOutOfTabOrder() js.Func {
	canvas := document.Call("querySelector", "canvas")
	f := js.FuncOf(func(js.Value, []js.Value) any {
		byID("figure").Call("focus", map[string]any{"preventScroll": true})
		return nil
	})
	if canvas.Truthy() {
		canvas.Call("setAttribute", "tabindex", "-1")
		canvas.Call("setAttribute", "aria-hidden", "true")
		canvas.Call("addEventListener", "focus", f)
	}
	return f
}

// controlAdder is a view with controls of its own beyond its URL
// parameters (the train scene's model name): controls appends them to
// the form and returns their callbacks, released with the scene's.
type controlAdder interface{ controls(form js.Value) []js.Func }

// keyer is a view the keyboard operates while the figure has focus (the
// digit pad's pen): key gets the KeyboardEvent's key.
type keyer interface{ key(k string) }

// exporter writes the numbers behind a figure.
type exporter interface {
	WriteCSV(w io.Writer) error
	WriteJSON(w io.Writer) error
}

// app is the Ebiten game: it owns the state, the DOM controls, the
// worker pool and the views.
type app struct {
	st     state.State
	sc     *state.Scene
	ctl    *controls
	views  map[string]view
	cur    view
	pool   *pool
	fetch  fetcher
	lib    *library
	mu     sync.Mutex
	events []domEvent
	funcs  []js.Func // callbacks that live as long as the page
	// sceneFuncs are the current scene's button callbacks.
	sceneFuncs []js.Func
	fig        *ebiten.Image
	dirty      bool
	dpr        float64
	rect       rect
	frames     int
	started    time.Time
	lastSay    time.Time
	hash       string
	touch      [2]int // the pointer's last position while down
	sayNow     bool   // a result arrived: update the live numbers now
	loads      int    // hashes loaded, for tests that navigate by hash
	// What the screen shows: the figure at shown on a screen of
	// shownScreen, and the progress ring's rectangle (figure pixels).
	shown       rect
	shownScreen image.Rectangle
	ring        image.Rectangle
	lastJobShow time.Time
	// shownProblem is the alert line's text; jobText the job panel's.
	shownProblem string
	jobText      string
	// postersGone: the posters of index.html are removed.
	postersGone bool
	// askStart is what the job panel's "Measure" starts (see ask).
	askStart func()
	// sharedActions is how many buttons every scene has (Share, the
	// exports), before the scene's own.
	sharedActions int
	// wantLayout asks the next frame to record its layout (see
	// publishLayout), as noiseball.measureLayout() does.
	wantLayout bool
	// story is the story's step shown ("1" to "8"), or "" for a scene
	// with its controls.
	story string
	// heightObserver reports an embedded page's height (postHeight).
	heightObserver js.Value
}

func newApp() *app {
	js.Global().Set("noiseball", map[string]any{"frames": 0})
	a := &app{pool: newPool(), dpr: 1, started: time.Now()}
	measure := js.FuncOf(func(js.Value, []js.Value) any {
		a.send(domEvent{do: func() { a.wantLayout = true }})
		return nil
	})
	js.Global().Get("noiseball").Set("measureLayout", measure)
	a.funcs = append(a.funcs, measure)
	a.lib = newLibrary(a)
	a.views = map[string]view{
		scene.NoiseBallID:    newNoiseBallView(a),
		scene.IsoperimetryID: newIsoView(a),
		scene.SliceID:        newSliceView(a),
		scene.BoundID:        newBoundView(a),
		scene.DigitID:        newDigitView(a),
		scene.PlaygroundID:   newPlaygroundView(a),
		scene.SpheresID:      newSpheresView(a),
		scene.TrainID:        newTrainView(a),
		scene.CompareID:      newCompareView(a),
	}
	a.restoreModel()
	send := a.send
	a.funcs = append(a.funcs,
		button(action{"Share", "share", "Show a link to this view and an iframe snippet to copy", func() {
			show("share", byID("share").Get("hidden").Bool())
			setText("copy-status", "")
		}}, send),
		button(action{"PNG", "png", "Download the figure as a PNG image at twice its size on screen", func() { a.exportPNG(false) }}, send),
		button(action{"PNG with caption", "png-caption", "Download the figure with its caption and the link to this view, for a slide", func() { a.exportPNG(true) }}, send),
		button(action{"CSV", "csv", "Download the numbers behind the figure as CSV", func() { a.exportData("csv") }}, send),
		button(action{"JSON", "json", "Download the numbers and settings as JSON", func() { a.exportData("json") }}, send))
	a.sharedActions = byID("actions").Get("children").Length()
	cancel := js.FuncOf(func(js.Value, []js.Value) any { send(domEvent{do: func() { a.cur.cancel() }}); return nil })
	byID("job-cancel").Call("addEventListener", "click", cancel)
	start := js.FuncOf(func(js.Value, []js.Value) any {
		send(domEvent{do: func() {
			if f := a.askStart; f != nil {
				a.askStart = nil
				f()
			}
		}})
		return nil
	})
	byID("job-start").Call("addEventListener", "click", start)
	for _, c := range []struct{ button, field, what string }{{"copy-link", "share-link", "The link"}, {"copy-embed", "share-embed", "The snippet"}} {
		f := js.FuncOf(func(js.Value, []js.Value) any {
			copyText(byID(c.field), c.what)
			return nil
		})
		byID(c.button).Call("addEventListener", "click", f)
		a.funcs = append(a.funcs, f)
	}
	a.funcs = append(a.funcs, start)
	// Keys on the focused figure go to a view that takes them (a keyer:
	// the digit pad's keyboard pen); the page does not scroll with them.
	keydown := js.FuncOf(func(_ js.Value, args []js.Value) any {
		e := args[0]
		switch k := e.Get("key").String(); k {
		case "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", " ", "Enter", "e", "E", "c", "C", "Delete":
			e.Call("preventDefault")
			send(domEvent{do: func() {
				if kv, ok := a.cur.(keyer); ok {
					kv.key(k)
				}
			}})
		}
		return nil
	})
	byID("figure").Call("addEventListener", "keydown", keydown)
	a.funcs = append(a.funcs, keydown, keepCanvasOutOfTabOrder())
	a.funcs = append(a.funcs, a.touchScroll()...)
	hashchange := js.FuncOf(func(js.Value, []js.Value) any {
		send(domEvent{do: func() {
			if h := js.Global().Get("location").Get("hash").String(); h != a.hash {
				a.load(h)
			}
		}})
		return nil
	})
	js.Global().Call("addEventListener", "hashchange", hashchange)
	a.funcs = append(a.funcs, cancel, hashchange)
	a.load(js.Global().Get("location").Get("hash").String())
	return a
}

// send queues a DOM event for the game loop.
func (a *app) send(e domEvent) {
	a.mu.Lock()
	a.events = append(a.events, e)
	a.mu.Unlock()
}

// load reads a hash into the state, reporting problems in one sentence.
// In the story (#story=N or the bare URL: loader.js's nbStory has shown
// step N and set body.dataset.story), the state is the step's figure,
// the link in its data-figure, and the URL keeps naming the step.
func (a *app) load(hash string) {
	body := document.Get("body").Get("dataset")
	a.story = ""
	if step := body.Get("story"); step.Truthy() {
		a.story = step.String()
		hash = byID("step-" + a.story).Get("dataset").Get("figure").String()
	}
	s, problems := state.Parse(hash, scene.Scenes)
	msg := state.Sentence(problems)
	if a.story != "" {
		if msg != "" {
			panic("app: the figure of step " + a.story + " (" + hash + ") is a bad link: " + msg)
		}
		if p := body.Get("storyProblem"); p.Truthy() {
			msg = p.String()
		}
		a.hash = js.Global().Get("location").Get("hash").String()
	}
	a.problem(msg)
	a.probe("")
	a.st = s
	sc := scene.Find(s.Scene)
	if a.sc != sc {
		a.sc = sc
		a.showScene()
	}
	// The scene's link is current unless the story is.
	for id := range a.views {
		if e := byID("nav-" + id); id == a.sc.ID && a.story == "" {
			e.Call("setAttribute", "aria-current", "page")
		} else {
			e.Call("removeAttribute", "aria-current")
		}
	}
	if a.story == "" {
		document.Set("title", a.sc.Title+" · Noise Ball")
	}
	a.cur.apply(a.st)
	a.changed()
	a.sayNow = true
	a.loads++
	js.Global().Get("noiseball").Set("loads", a.loads)
}

// showScene builds the DOM of the current scene.
func (a *app) showScene() {
	if a.ctl != nil {
		a.ctl.release()
	}
	if a.cur != nil {
		a.cur.leave()
	}
	a.cur = a.views[a.sc.ID]
	setText("scene-title", a.sc.Title)
	a.ctl = buildControls(a.sc, a.st, a.send)
	if c, ok := a.cur.(controlAdder); ok {
		a.ctl.funcs = append(a.ctl.funcs, c.controls(byID("controls"))...)
	}
	// The scene's own buttons follow the shared ones.
	acts := byID("actions")
	for acts.Get("children").Length() > a.sharedActions {
		acts.Get("lastChild").Call("remove")
	}
	for _, f := range a.sceneFuncs {
		f.Release()
	}
	a.sceneFuncs = a.sceneFuncs[:0]
	for _, ac := range a.cur.actions() {
		a.sceneFuncs = append(a.sceneFuncs, button(ac, a.send))
	}
	show("job", false)
	show("share", false)
}

// set changes one parameter (a caller bug panics), as a control or a
// canvas gesture does.
func (a *app) set(name, value string) {
	a.st.Set(a.sc, name, value)
	a.cur.apply(a.st)
	a.changed()
}

// changed brings the URL, the controls, the caption and the embed mode
// in line with the state, and marks the figure for redrawing.
func (a *app) changed() {
	a.ctl.show(a.st)
	a.dirty = true
	body := document.Get("body").Get("classList")
	if a.st.Embed {
		body.Call("add", "embed")
	} else {
		body.Call("remove", "embed")
	}
	setText("caption", a.cur.caption())
	byID("figure").Call("setAttribute", "aria-label", a.sc.Title+": "+a.cur.caption())
	a.postHeight()
	// In the story the URL names the step, not the figure's state.
	if h := a.st.Hash(a.sc); h != a.hash && a.story == "" {
		a.hash = h
		js.Global().Get("history").Call("replaceState", nil, "", h)
	}
	a.updateShare()
}

// open goes to another view by its hash, as a link would: the browser's
// Back button returns.
func (a *app) open(hash string) {
	js.Global().Get("location").Set("hash", hash)
}

// updateShare writes the link to this view and the embed snippet, and
// points an embedded figure's "Open in Noise Ball" at the full page.
func (a *app) updateShare() {
	loc := js.Global().Get("location")
	base := loc.Get("origin").String() + loc.Get("pathname").String()
	full := a.st
	full.Embed = false
	byID("share-link").Set("value", base+full.Hash(a.sc))
	byID("open-full").Set("href", base+full.Hash(a.sc))
	byID("story-explore").Set("href", full.Hash(a.sc))
	e := a.st
	e.Embed = true
	byID("share-embed").Set("value", scene.EmbedSnippet(base+e.Hash(a.sc), a.sc.Title))
}

// postHeight, in an embedded page, tells the page around it the
// document's height whenever it changes, as {noiseballHeight: pixels},
// for the snippet's script to size the iframe (scene.EmbedSnippet).
func (a *app) postHeight() {
	if a.heightObserver.Truthy() || !a.st.Embed || js.Global().Get("parent").Equal(js.Global()) || !js.Global().Get("ResizeObserver").Truthy() {
		return
	}
	root := document.Get("documentElement")
	f := js.FuncOf(func(js.Value, []js.Value) any {
		js.Global().Get("parent").Call("postMessage", map[string]any{"noiseballHeight": root.Get("scrollHeight").Int()}, "*")
		return nil
	})
	a.funcs = append(a.funcs, f)
	a.heightObserver = js.Global().Get("ResizeObserver").New(f)
	a.heightObserver.Call("observe", document.Get("body"))
}

// showJob shows a running job's progress, or hides it when text is "".
func (a *app) showJob(text string, done, total int) {
	a.jobText, a.askStart = text, nil
	if text == "" {
		show("job", false)
		return
	}
	show("job", true)
	show("job-progress", true)
	show("job-cancel", true)
	show("job-start", false)
	bar := byID("job-progress")
	if total > 0 {
		bar.Set("value", float64(done)/float64(total))
	} else {
		bar.Call("removeAttribute", "value")
	}
	setText("job-text", text)
}

// ask shows, in the job panel, a job that is long enough to start only
// when asked (text: what it is and its estimate) with a "Measure" button
// that runs start in the game loop.
func (a *app) ask(text string, start func()) {
	a.showJob(text, 0, 0)
	a.askStart = start
	show("job-progress", false)
	show("job-cancel", false)
	show("job-start", true)
}

// Update handles DOM events, worker messages and the pointer.
func (a *app) Update() error {
	a.mu.Lock()
	evs := a.events
	a.events = nil
	a.mu.Unlock()
	for _, e := range evs {
		if e.do != nil {
			e.do()
		} else {
			a.set(e.param, e.value)
		}
		a.dirty = true
	}
	a.lib.update()
	a.pool.update()
	if a.fig == nil {
		return nil
	}
	if a.cur.update(a.pointer(), float64(a.fig.Bounds().Dx()), float64(a.fig.Bounds().Dy())) {
		a.dirty = true
	}
	// The aria-live summary speaks at most twice a second while things
	// move, and at once when a result arrives.
	if a.sayNow || time.Since(a.lastSay) > 500*time.Millisecond {
		a.sayNow = false
		setText("numbers", a.cur.summary())
		a.lastSay = time.Now()
	}
	return nil
}

// pointer reads the mouse, or the first touch, in figure coordinates.
func (a *app) pointer() pointer {
	var p pointer
	x, y := ebiten.CursorPosition()
	p.down = ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft) || ebiten.IsMouseButtonPressed(ebiten.MouseButtonRight)
	p.press = inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) || inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonRight)
	p.lift = inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft) || inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonRight)
	p.alt = ebiten.IsMouseButtonPressed(ebiten.MouseButtonRight)
	if ids := ebiten.AppendTouchIDs(nil); len(ids) > 0 {
		x, y = ebiten.TouchPosition(ids[0])
		p.down = true
		p.press = len(inpututil.AppendJustPressedTouchIDs(nil)) > 0
	} else if len(inpututil.AppendJustReleasedTouchIDs(nil)) > 0 {
		// A lifted touch has no position: it ends where it last was.
		p.lift = true
		x, y = a.touch[0], a.touch[1]
	}
	if p.down {
		a.touch = [2]int{x, y}
	}
	p.x = float64(x) - a.rect.x*a.dpr
	p.y = float64(y) - a.rect.y*a.dpr
	p.in = p.x >= 0 && p.y >= 0 && p.x < a.rect.w*a.dpr && p.y < a.rect.h*a.dpr
	return p
}

// publishLayout hands the page's tests the boxes of the labels and
// plots just drawn, as a layout.Figure in JSON in noiseball.layout.
func (a *app) publishLayout(boxes []layout.Box) {
	b, err := json.Marshal(layout.Figure{W: a.rect.w, H: a.rect.h, Boxes: boxes})
	if err != nil {
		panic("app: " + err.Error())
	}
	js.Global().Get("noiseball").Set("layout", string(b))
}

// Draw composites the figure, redrawn when something changed, into the
// rectangle of #figure.
func (a *app) Draw(screen *ebiten.Image) {
	// The screen keeps its pixels between frames, so an unchanged frame
	// costs nothing to draw: with software WebGL, where a full-screen
	// pass takes milliseconds, that leaves the cores to the workers.
	if a.wantLayout {
		a.dirty = true
		recording = &[]layout.Box{}
	}
	if a.dirty {
		a.fig.Fill(paper)
		a.cur.draw(a.fig, a.dpr)
	}
	if recording != nil {
		a.publishLayout(*recording)
		recording, a.wantLayout = nil, false
	}
	ox, oy := a.rect.x*a.dpr, a.rect.y*a.dpr
	if a.dirty || a.rect != a.shown || screen.Bounds() != a.shownScreen {
		screen.Fill(paper)
		op := &ebiten.DrawImageOptions{}
		op.GeoM.Translate(ox, oy)
		screen.DrawImage(a.fig, op)
		a.dirty, a.shown, a.shownScreen, a.ring = false, a.rect, screen.Bounds(), image.Rectangle{}
	}
	// A running job's progress ring turns over the figure: repaint the
	// figure under last frame's ring, then the ring.
	a.restore(screen, a.ring, ox, oy)
	a.ring = image.Rectangle{}
	if t, x, y := a.cur.busy(); t != nil {
		r := 16 * a.dpr
		a.ring = image.Rect(int(x-r), int(y-r), int(x+r)+1, int(y+r)+1)
		a.restore(screen, a.ring, ox, oy)
		f := 0.0
		if t.total > 0 {
			f = float64(t.done) / float64(t.total)
		}
		progressRing(screen, ox+x, oy+y, 12*a.dpr, f, a.dpr, time.Since(a.started).Seconds()*4)
	}
	a.frames++
	nb := js.Global().Get("noiseball")
	nb.Set("frames", a.frames)
	if a.frames == 1 {
		js.Global().Get("performance").Call("mark", "noiseball-first-frame")
	}
	// The live figure replaces the posters index.html shows while the
	// program loads once it has numbers to show (a slice's first coarse
	// result, the noise ball at once), or once its files failed and the
	// page says so.
	if !a.postersGone && (a.cur.exports() != nil || a.lib.problem() != "") {
		a.postersGone = true
		posters := document.Call("querySelectorAll", ".poster")
		for i := posters.Length() - 1; i >= 0; i-- {
			posters.Index(i).Call("remove")
		}
	}
}

// restore copies the figure's rectangle r (figure pixels) back onto the
// screen, whose figure corner is at (ox, oy).
func (a *app) restore(screen *ebiten.Image, r image.Rectangle, ox, oy float64) {
	r = r.Intersect(a.fig.Bounds())
	if r.Empty() {
		return
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(ox+float64(r.Min.X), oy+float64(r.Min.Y))
	screen.DrawImage(a.fig.SubImage(r).(*ebiten.Image), op)
}

// Layout sizes the screen in device pixels and finds the figure.
// Ebiten calls LayoutF instead, since app has it.
func (a *app) Layout(w, h int) (int, int) { return w, h }

// LayoutF sizes the screen in device pixels, so the figure is sharp on
// high-density displays, and resizes the figure image to #figure.
func (a *app) LayoutF(w, h float64) (float64, float64) {
	a.dpr = ebiten.Monitor().DeviceScaleFactor()
	r := figureRect()
	fw, fh := max(int(r.w*a.dpr), 1), max(int(r.h*a.dpr), 1)
	if a.fig == nil || a.fig.Bounds().Dx() != fw || a.fig.Bounds().Dy() != fh {
		if a.fig != nil {
			a.fig.Deallocate()
		}
		a.fig = ebiten.NewImage(fw, fh)
		a.dirty = true
	}
	a.rect = r
	return w * a.dpr, h * a.dpr
}

// exportPNG downloads the figure as drawn.
func (a *app) exportPNG(withCaption bool) {
	img := a.figureImage(withCaption)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		a.problem("The PNG could not be made: " + err.Error())
		return
	}
	name := a.st.FileStem(a.sc)
	if withCaption {
		name += "-captioned"
	}
	download(name+".png", "image/png", buf.Bytes())
}

// exportScale is how many pixels an exported PNG has per CSS pixel of
// the figure: sharp on a slide or a high-density screen.
const exportScale = 2

// figureImage draws the figure afresh at exportScale, with, when
// withCaption, a block under it holding the scene's title, its caption
// and the link to this view (the settings). The views keep the geometry
// of their last drawing for the pointer, so the figure on screen is
// drawn again next frame.
func (a *app) figureImage(withCaption bool) *image.RGBA {
	s := float64(exportScale)
	w, h := int(math.Round(a.rect.w*s)), int(math.Round(a.rect.h*s))
	var lines []string
	if withCaption {
		width := float64(w)/s - 16
		lines = append(lines, "Noise Ball: "+a.sc.Title, "")
		lines = append(lines, glyphs.Wrap(a.cur.caption(), width)...)
		lines = append(lines, "")
		lines = append(lines, glyphs.Wrap(byID("share-link").Get("value").String(), width)...)
	}
	lineH := int(lineHeight(s) + 3*s)
	total := h + len(lines)*lineH
	if len(lines) > 0 {
		total += lineH
	}
	dst := ebiten.NewImage(w, total)
	defer dst.Deallocate()
	dst.Fill(paper)
	fig := ebiten.NewImage(w, h)
	defer fig.Deallocate()
	fig.Fill(paper)
	a.cur.draw(fig, s)
	dst.DrawImage(fig, nil)
	for i, l := range lines {
		label(dst, l, 8*s, float64(h+lineH/2+i*lineH), 0, 0, s, ink)
	}
	a.dirty = true
	img := image.NewRGBA(dst.Bounds())
	dst.ReadPixels(img.Pix)
	return img
}

// exportData downloads the numbers behind the figure.
func (a *app) exportData(kind string) {
	ex := a.cur.exports()
	if ex == nil {
		a.problem("There is nothing to export yet: wait until the computation has finished.")
		return
	}
	var buf bytes.Buffer
	err := ex.WriteCSV(&buf)
	mime := "text/csv"
	if kind == "json" {
		buf.Reset()
		mime, err = "application/json", ex.WriteJSON(&buf)
	}
	if err != nil {
		a.problem("The export failed: " + err.Error())
		return
	}
	download(a.st.FileStem(a.sc)+"."+kind, mime, buf.Bytes())
}

// problem shows a sentence in the page's alert line (views may repeat
// it every frame: only a change touches the DOM).
// probe shows in the DOM what the figure reads out where the pointer
// or the keyboard probe is (the slice's image there, the bound's digit),
// so a screen reader hears it and a keyboard user sees it; "" hides it.
func (a *app) probe(s string) {
	setText("probe", s)
	show("probe", s != "")
}

func (a *app) problem(s string) {
	if s == a.shownProblem {
		return
	}
	a.shownProblem = s
	setText("problem", s)
	show("problem", s != "")
}

// jobProgress shows "msg: 42%, about 3 s left" for a job started at
// started and estimated at estimate seconds (0: not estimated; see
// scene.TimeLeft), four times a second at most: every DOM change costs a
// layout and a repaint of the page, which a software renderer pays in
// CPU.
func (a *app) jobProgress(msg string, started time.Time, done, total int, estimate float64) {
	if time.Since(a.lastJobShow) < 250*time.Millisecond {
		return
	}
	a.lastJobShow = time.Now()
	left := ""
	if el := time.Since(started).Seconds(); (done > 0 || estimate > 0) && el > 0.5 {
		left = ", " + scene.About(scene.TimeLeft(el, done, total, estimate)) + " left"
	}
	a.showJob(fmt.Sprintf("%s: %d%%%s", msg, 100*done/max(total, 1), left), done, total)
}

// startJob runs a view's job of kind k and wires it to the page: the job
// panel shows progress ("progress: 40%, about 12 s left"); partial
// results (kinds with Partial) go to onResult with final false as they
// come; at the end the panel clears, onEnd (if not nil) runs either way,
// then a failure becomes a sentence beginning with subject ("The slice
// failed: ..."), or the result goes to onResult with final true, the live
// numbers speak and the figure is marked with the milliseconds the job
// took (data-measured, for the page's tests). It returns the task, for
// cancel; a view that estimated the job sets the task's estimate.
func startJob[P, R any](a *app, k *jobs.Kind[P, R], params P, in *jobs.Inputs, progress, subject string, onResult func(r R, final bool), onEnd func()) *task {
	started := time.Now()
	byID("figure").Call("removeAttribute", "data-measured")
	var t *task
	t = submit(a.pool, k, params, in, func(done, total int, part *R) {
		a.jobProgress(progress, started, done, total, t.estimate)
		if part != nil {
			onResult(*part, false)
			a.dirty = true
		}
	}, func(r R, err error) {
		a.showJob("", 0, 0)
		if onEnd != nil {
			onEnd()
		}
		if err != nil {
			a.problem(subject + " failed: " + err.Error())
			return
		}
		onResult(r, true)
		a.dirty, a.sayNow = true, true
		byID("figure").Call("setAttribute", "data-measured", fmt.Sprint(time.Since(started).Milliseconds()))
	})
	return t
}
