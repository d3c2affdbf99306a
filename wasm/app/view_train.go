//go:build js && wasm

package main

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"syscall/js"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"noiseball/core/nn"
	"noiseball/core/train"
	"noiseball/wasm/jobs"
	"noiseball/wasm/scene"
	"noiseball/wasm/state"
)

// trainView trains a model in a worker, as `noiseball train` would: the
// training curve as it runs, the accuracy in noise after every epoch,
// and at the end a weights file that joins the other scenes' model list
// as the visitor's model, is kept in the browser and downloads.
type trainView struct {
	a    *app
	next scene.Train     // what the controls say
	run  scene.TrainView // the run shown: running or done
	task *task
	// want: Train was pressed; the run starts when its digits are here.
	// hold: Pause was pressed before that, so it starts paused.
	want, hold bool
	started    time.Time
	est        float64 // the run's estimated seconds, from Train
	// named: the visitor typed a name, which the controls keep.
	named bool
	name  js.Value
	// ring is where the progress ring goes: the curve's top right.
	ring [2]float64
	// list is the "Your models" list; listFuncs its buttons' callbacks.
	list      js.Value
	listFuncs []js.Func
}

func newTrainView(a *app) *trainView { return &trainView{a: a} }

func (v *trainView) apply(s state.State) {
	if v.paused() {
		v.showPaused() // the job panel, hidden while another scene was shown
	}
	v.next.Apply(s)
	if !v.named {
		v.next.Spec.Name = scene.DefaultName(v.next.Spec)
		if v.name.Truthy() {
			v.name.Set("value", v.next.Spec.Name)
		}
	}
}

// controls adds the model's name field after the scene's controls.
func (v *trainView) controls(form js.Value) []js.Func {
	box := el("div", map[string]string{"class": "ctl", "id": "ctl-name"}, "")
	box.Call("appendChild", el("label", map[string]string{"for": "p-name"}, "Model name"))
	v.name = el("input", map[string]string{"id": "p-name", "type": "text", "maxlength": "40", "spellcheck": "false",
		"autocomplete": "off", "aria-describedby": "h-name"}, "")
	v.name.Set("value", v.next.Spec.Name)
	box.Call("appendChild", v.name)
	box.Call("appendChild", el("small", map[string]string{"id": "h-name"}, "What the other scenes call the model, and its file's name."))
	// The scene's main act first: the name, Train and Pause, then the
	// recipe's controls.
	bar := el("div", map[string]string{"class": "ctl", "id": "train-bar"}, "")
	train := el("button", map[string]string{"type": "button", "id": "a-train", "class": "primary",
		"title": "Train the model the controls describe (in a worker; the page stays responsive)"}, "Train")
	pause := el("button", map[string]string{"type": "button", "id": "a-pause",
		"title": "Hold the training, keeping what it has learned; press again to go on"}, "Pause")
	bar.Call("appendChild", train)
	bar.Call("appendChild", pause)
	form.Call("prepend", bar)
	form.Call("prepend", box)
	ft := js.FuncOf(func(js.Value, []js.Value) any { v.a.send(domEvent{do: v.start}); return nil })
	fp := js.FuncOf(func(js.Value, []js.Value) any { v.a.send(domEvent{do: v.togglePause}); return nil })
	train.Call("addEventListener", "click", ft)
	pause.Call("addEventListener", "click", fp)
	f := js.FuncOf(func(this js.Value, _ []js.Value) any {
		name := this.Get("value").String()
		v.a.send(domEvent{do: func() {
			v.named = name != ""
			v.next.Spec.Name = name
			if !v.named {
				v.next.Spec.Name = scene.DefaultName(v.next.Spec)
			}
			v.a.dirty = true
		}})
		return nil
	})
	v.name.Call("addEventListener", "input", f)
	// The visitor's models kept in this browser, each to use or delete.
	kept := el("div", map[string]string{"class": "ctl", "id": "your-models"}, "")
	kept.Call("appendChild", el("h3", nil, "Your models"))
	v.list = el("ul", map[string]string{"id": "your-models-list"}, "")
	kept.Call("appendChild", v.list)
	form.Call("appendChild", kept)
	v.listModels()
	v.pauseLabel()
	return []js.Func{f, ft, fp}
}

// listModels fills "Your models" from the browser's storage: each model
// with Use (it becomes “yours” in every scene) and Delete.
func (v *trainView) listModels() {
	loadModels(func(kept []keptModel) {
		v.a.send(domEvent{do: func() { v.showList(kept) }})
	})
}

// showList writes the list of kept models (in the game loop).
func (v *trainView) showList(kept []keptModel) {
	if !v.list.Truthy() {
		return
	}
	for _, f := range v.listFuncs {
		f.Release()
	}
	v.listFuncs = v.listFuncs[:0]
	v.list.Set("textContent", "")
	if len(kept) == 0 {
		v.list.Call("appendChild", el("li", nil, "none yet: models you train here are kept in this browser"))
		return
	}
	for _, m := range kept {
		li := el("li", nil, "")
		li.Call("appendChild", el("span", nil, m.name))
		use := el("button", map[string]string{"type": "button", "aria-label": "Use " + m.name + " in every scene"}, "Use")
		del := el("button", map[string]string{"type": "button", "aria-label": "Delete " + m.name + " from this browser"}, "Delete")
		fu := js.FuncOf(func(js.Value, []js.Value) any {
			v.a.send(domEvent{do: func() {
				v.a.lib.setModel(scene.UserModel, m.weights, m.net)
				v.a.setUserModel(m.name, func() { v.a.send(domEvent{do: v.listModels}) })
			}})
			return nil
		})
		fd := js.FuncOf(func(js.Value, []js.Value) any {
			forgetModel(m.name, func() { v.a.send(domEvent{do: v.listModels}) })
			return nil
		})
		use.Call("addEventListener", "click", fu)
		del.Call("addEventListener", "click", fd)
		v.listFuncs = append(v.listFuncs, fu, fd)
		if m.name == userModelName {
			li.Call("appendChild", el("em", nil, "yours now"))
		}
		li.Call("appendChild", use)
		li.Call("appendChild", del)
		v.list.Call("appendChild", li)
	}
}

func (v *trainView) summary() string {
	if v.run.Res == nil {
		what := scene.TrainTitle(v.run.P.Spec)
		switch {
		case v.paused():
			return what + ": paused before its first step; press Resume to go on."
		case v.want:
			return what + ": downloading the training digits."
		case v.task != nil:
			return what + ": starting…"
		}
		return (&scene.TrainView{P: v.next, Speed: v.a.pool.speed()}).Summary()
	}
	return v.run.Summary()
}

func (v *trainView) caption() string {
	return "Train a model here, as the paper's authors did: clean, with Gaussian noise added to every training digit, or against a PGD " +
		"adversary. The curve is the training loss as the model learns; after every epoch it is tested on 500 test digits in Gaussian noise " +
		"of growing σ (Fig. 7 of the paper: augmentation buys accuracy in noise). The trained model joins the other scenes as “your model”: " +
		"compare its distances to the nearest error with the clean model's in the bound scene."
}

func (v *trainView) actions() []action {
	return []action{
		{"Download weights", "download", "Save the trained model as a safetensors file, which noiseball predict and PyTorch load", v.download},
		{"Compare in the bound scene", "compare", "Open the bound scene with your model beside the clean CNN", func() {
			if v.a.lib.net(scene.UserModel) == nil {
				v.a.problem("Train a model first: the bound scene will show it beside the clean CNN.")
				return
			}
			v.a.open("#scene=bound&model=" + scene.UserModel + "&compare=cnn-clean")
		}},
	}
}

// togglePause holds or resumes the training, running or about to start
// (its digits still loading): a run paused before it starts is handed
// to a worker paused.
func (v *trainView) togglePause() {
	switch {
	case v.task != nil:
		v.a.pool.pause(v.task, !v.task.paused)
	case v.want:
		v.hold = !v.hold
	default:
		return
	}
	v.pauseLabel()
	if v.paused() {
		v.showPaused()
	}
}

// paused reports whether the visitor holds the run, started or not.
func (v *trainView) paused() bool {
	if v.task != nil {
		return v.task.paused
	}
	return v.want && v.hold
}

// showPaused says in the job panel that the training is paused.
func (v *trainView) showPaused() {
	done, total := 0, 1
	if v.task != nil {
		done, total = v.task.done, max(v.task.total, 1)
	}
	v.a.showJob(fmt.Sprintf("Training %s is paused at %d%%: press Resume to go on.", v.run.P.Spec.Name, 100*done/total), done, total)
}

// pauseLabel names what the pause button does now, and offers it only
// while a run trains.
func (v *trainView) pauseLabel() {
	b := byID("a-pause")
	if !b.Truthy() {
		return
	}
	label := "Pause"
	if v.paused() {
		label = "Resume"
	}
	setText("a-pause", label)
	b.Set("disabled", v.task == nil && !v.want)
}

// start asks for the run the controls describe.
func (v *trainView) start() {
	if offline() {
		v.a.problem("Training needs the page from its web address: this offline file carries no training digits and cannot start the workers that train.")
		return
	}
	if err := scene.CheckName(v.next.Spec.Name); err != nil {
		v.a.problem("Choose another name: " + err.Error() + ".")
		return
	}
	if err := v.next.Spec.Validate(); err != nil {
		v.a.problem(err.Error())
		return
	}
	v.a.problem("")
	v.a.pool.cancel(v.task)
	v.task = nil
	v.run = scene.TrainView{P: v.next, Speed: v.a.pool.speed()}
	v.est = publishEstimate(v.run.P.Estimate(v.run.Speed))
	v.want, v.hold = true, false
	v.pauseLabel()
	byID("figure").Call("removeAttribute", "data-measured")
	v.a.dirty = true
}

func (v *trainView) cancel() {
	v.a.pool.cancel(v.task)
	v.task, v.want, v.hold = nil, false, false
	v.pauseLabel()
	v.a.showJob("", 0, 0)
	v.a.dirty = true
}

func (v *trainView) busy() (*task, float64, float64) { return v.task, v.ring[0], v.ring[1] }

// leave keeps a run going: training is the visitor's explicit act, and
// its model is wanted in the other scenes.
func (v *trainView) leave() {}

func (v *trainView) exports() exporter {
	if v.run.Res == nil || !v.run.Res.Done {
		return nil
	}
	return &v.run
}

func (v *trainView) grabs(x, y float64) bool { return false }

func (v *trainView) update(p pointer, w, h float64) bool {
	if !v.want {
		if fig := byID("figure"); v.task == nil && !fig.Call("hasAttribute", "data-measured").Bool() {
			// Nothing runs: the figure is complete as it is.
			fig.Call("setAttribute", "data-measured", "0")
		}
		return false
	}
	spec := v.run.P.Spec
	labels, pixels := v.a.lib.trainDigits(spec.Limit)
	test := v.a.lib.testDigits(scene.MNISTTest)
	if labels == nil || test == nil {
		return false
	}
	tl, tp := packDigits(test, 0, scene.MNISTTest)
	in := &jobs.Inputs{Labels: append(labels, tl...), Pixels: append(pixels, tp...)}
	v.want = false
	v.started = time.Now()
	v.task = startJob(v.a, jobs.Train, v.run.P, in, "Training "+spec.Name, "Training",
		func(r scene.TrainResult, final bool) {
			v.run.Res = &r
			if final {
				v.finished(r)
			}
		}, func() { v.task = nil; v.pauseLabel() })
	v.task.estimate = v.est
	if v.hold {
		v.a.pool.pause(v.task, true)
		v.hold = false
		v.showPaused()
	}
	v.pauseLabel()
	return true
}

// finished makes the trained model the visitor's model of every scene.
func (v *trainView) finished(r scene.TrainResult) {
	net, _, err := nn.Load(bytes.NewReader(r.Weights))
	if err != nil {
		v.a.problem("The trained model came back unreadable: " + err.Error() + ". Train it again.")
		return
	}
	v.a.lib.setModel(scene.UserModel, r.Weights, net)
	v.a.setUserModel(v.run.P.Spec.Name, func() { v.a.send(domEvent{do: v.listModels}) })
}

func (v *trainView) download() {
	if v.run.Res == nil || !v.run.Res.Done {
		v.a.problem("Train a model first; its weights download once training is done.")
		return
	}
	download(v.run.P.Spec.Name+".safetensors", "application/octet-stream", v.run.Res.Weights)
}

func (v *trainView) draw(dst *ebiten.Image, s float64) {
	b := dst.Bounds()
	W, H := float64(b.Dx()), float64(b.Dy())
	left, right := 8*s, W-8*s
	r, spec := v.run.Res, v.run.P.Spec
	if r == nil && v.task == nil && !v.want {
		spec = v.next.Spec
	}
	rec := spec.Recipe
	head := scene.TrainTitle(spec)
	if r != nil && len(r.Curve) > 0 && !v.started.IsZero() {
		if el := time.Since(v.started).Seconds(); el > 1 && !r.Done {
			head += fmt.Sprintf(" · %.0f examples/s", float64(r.Examples)/el)
		}
	}
	top := wrapped(dst, head, left, 3*s, right-left, s, ink) + 6*s
	// Side by side, also on a phone, where stacked charts would be
	// flat lines.
	gap := math.Min(28*s, (right-left)*0.05)
	cw, ch := (right-left-gap)/2, H-top-6*s
	x2, y2 := left+cw+gap, top
	v.ring = [2]float64{left + cw - 20*s, top + lineHeight(s) + 24*s}
	// The examples the run trains on: whole batches, every epoch.
	v.drawCurve(dst, left, top, cw, ch, s, r, float64(spec.Limit/rec.Batch*rec.Batch*rec.Epochs))
	v.drawNoise(dst, x2, y2, cw, ch, s, r)
}

// drawCurve plots the training loss and accuracy against the examples
// seen, of total.
func (v *trainView) drawCurve(dst *ebiten.Image, x, y, w, h, s float64, r *scene.TrainResult, total float64) {
	ymax := 2.5
	if r != nil {
		for _, c := range r.Curve {
			ymax = math.Max(ymax, math.Min(c.Loss, 10))
		}
	}
	ymax *= 1.05
	ax, ay, plot := chartFrame(dst, x, y, w, h, s, "Training loss (black), accuracy (green)", "training examples seen",
		0, math.Max(total, 1), 0, ymax, func(t float64) string { return compact(t) })
	if r == nil || len(r.Curve) == 0 {
		msg := "Press Train to start."
		switch {
		case v.paused():
			msg = "Paused: press Resume."
		case v.want:
			msg = "Downloading the digits…"
		case v.task != nil:
			msg = "Starting…"
		}
		label(dst, msg, plot.x+plot.w/2, plot.y+plot.h/2, 0.5, 0.5, s, faint)
	} else {
		series := func(val func(train.CurvePoint) float64, c color.Color) {
			px, py := ax.px(0), ay.px(val(r.Curve[0]))
			for i, p := range r.Curve {
				qx, qy := ax.px(float64(p.Examples)), ay.px(math.Min(val(p), ymax))
				if i > 0 {
					line(dst, px, py, qx, qy, 2*s, c)
				}
				px, py = qx, qy
			}
		}
		series(func(p train.CurvePoint) float64 { return p.Loss }, ink)
		series(func(p train.CurvePoint) float64 { return p.Accuracy }, green)
	}
	frame(dst, plot.x, plot.y, plot.w, plot.h, 1*s, faint)
	plotArea(plot.x, plot.y, plot.w, plot.h, s)
}

// compact writes a count as 500, 2k, 60k.
func compact(t float64) string {
	if t >= 1000 {
		return number(t/1000) + "k"
	}
	return number(t)
}

// drawNoise plots the test accuracy against σ after every epoch, the
// last epoch bold.
func (v *trainView) drawNoise(dst *ebiten.Image, x, y, w, h, s float64, r *scene.TrainResult) {
	sig := train.EvalSigmas
	ax, ay, plot := chartFrame(dst, x, y, w, h, s, "Test accuracy in noise, after each epoch",
		"σ of the noise", 0, sig[len(sig)-1], 0, 1, number)
	if r == nil || len(r.Epochs) == 0 || len(r.Epochs[0].Noise) < len(sig) {
		label(dst, "after the first epoch", plot.x+plot.w/2, plot.y+plot.h/2, 0.5, 0.5, s, faint)
	}
	if r != nil {
		for i, e := range r.Epochs {
			if len(e.Noise) < len(sig) {
				break
			}
			// Earlier epochs pale, the last one measured bold.
			c, width := color.Color(color.RGBA{0xa0, 0xb8, 0xd0, 0xff}), 2*s
			if i == len(r.Epochs)-1 || i == len(r.Epochs)-2 && len(r.Epochs[i+1].Noise) < len(sig) {
				c, width = blue, 3*s
			}
			polyline(dst, ax, ay, sig, e.Noise, width, c)
		}
	}
	frame(dst, plot.x, plot.y, plot.w, plot.h, 1*s, faint)
	plotArea(plot.x, plot.y, plot.w, plot.h, s)
}
