//go:build js && wasm

package main

import (
	"math"
	"strconv"
	"syscall/js"

	"noiseball/wasm/scene"
	"noiseball/wasm/state"
)

var document = js.Global().Get("document")

func byID(id string) js.Value { return document.Call("getElementById", id) }

func el(tag string, attrs map[string]string, text string) js.Value {
	e := document.Call("createElement", tag)
	for k, v := range attrs {
		e.Call("setAttribute", k, v)
	}
	if text != "" {
		e.Set("textContent", text)
	}
	return e
}

// setText writes s into the element id if it changed, so aria-live
// regions speak only on real changes.
func setText(id, s string) {
	e := byID(id)
	if e.Get("textContent").String() != s {
		e.Set("textContent", s)
	}
}

func show(id string, on bool) { byID(id).Set("hidden", !on) }

// domEvent is what a DOM callback reports to the game loop, which
// handles it in Update: a control's new value or an action button.
type domEvent struct {
	param, value string // a control changed
	do           func() // or this runs in the game loop (a button, a key)
}

// controls are the DOM controls of the current scene, built from its
// parameter declarations.
type controls struct {
	sc     *state.Scene
	inputs map[string]js.Value
	funcs  []js.Func
}

// sliderSteps is the resolution of a logarithmic slider.
const sliderSteps = 1000

// toSlider maps a parameter value to its slider position.
func toSlider(p *state.Param, x float64) string {
	if p.Log {
		t := math.Log(x/p.Min) / math.Log(p.Max/p.Min)
		return strconv.Itoa(int(math.Round(t * sliderSteps)))
	}
	return state.FormatNumber(x)
}

// fromSlider maps a slider position back to a value. On a logarithmic
// slider the position of the default gives the default itself (784, not
// the 787 its position rounds to), so the slider can return to it.
func fromSlider(p *state.Param, v string) float64 {
	x, _ := strconv.ParseFloat(v, 64)
	if def, err := strconv.ParseFloat(p.Default, 64); p.Log && err == nil && v == toSlider(p, def) {
		return def
	}
	if p.Log {
		x = p.Min * math.Pow(p.Max/p.Min, x/sliderSteps)
		if p.Kind == state.Integer {
			x = math.Round(x)
		} else {
			x = roundSig(x, 3)
		}
	}
	return x
}

func roundSig(x float64, digits int) float64 {
	if x == 0 {
		return 0
	}
	p := math.Pow(10, float64(digits-1)-math.Floor(math.Log10(math.Abs(x))))
	return math.Round(x*p) / p
}

// display formats a parameter's value for its output element.
func display(p *state.Param, v string) string {
	if p.Kind == state.Choice || p.Kind == state.Bits {
		return ""
	}
	x, _ := strconv.ParseFloat(v, 64)
	if p.Kind == state.Integer {
		return strconv.FormatInt(int64(x), 10)
	}
	return scene.Num(x)
}

// userModelName is the name of the visitor's model (scene.UserModel),
// trained here or restored from the browser's storage, which its option
// in the model lists shows; "" for a chosen file or none.
var userModelName string

// buildControls replaces the controls with those of sc, reporting
// changes to send.
func buildControls(sc *state.Scene, s state.State, send func(domEvent)) *controls {
	form := byID("controls")
	form.Set("textContent", "")
	c := &controls{sc: sc, inputs: map[string]js.Value{}}
	for i := range sc.Params {
		p := &sc.Params[i]
		if p.Hidden {
			continue
		}
		id := "p-" + p.Name
		box := el("div", map[string]string{"class": "ctl", "id": "ctl-" + p.Name}, "")
		label := el("label", map[string]string{"for": id}, "")
		label.Call("append", p.Label)
		label.Call("appendChild", el("output", map[string]string{"id": "o-" + p.Name, "for": id}, ""))
		box.Call("appendChild", label)
		var in js.Value
		if p.Kind == state.Choice {
			in = el("select", map[string]string{"id": id, "aria-describedby": "h-" + p.Name}, "")
			for k, ch := range p.Choices {
				text := p.ChoiceLabels[k]
				if ch == scene.UserModel && userModelName != "" {
					text = "yours: " + userModelName
				}
				in.Call("appendChild", el("option", map[string]string{"value": ch}, text))
			}
		} else {
			attrs := map[string]string{"id": id, "type": "range", "aria-describedby": "h-" + p.Name}
			if p.Log {
				attrs["min"], attrs["max"], attrs["step"] = "0", strconv.Itoa(sliderSteps), "1"
			} else {
				attrs["min"], attrs["max"] = state.FormatNumber(p.Min), state.FormatNumber(p.Max)
				attrs["step"] = "any"
				if p.Step > 0 {
					attrs["step"] = state.FormatNumber(p.Step)
				}
			}
			in = el("input", attrs, "")
		}
		box.Call("appendChild", in)
		box.Call("appendChild", el("small", map[string]string{"id": "h-" + p.Name}, p.Help))
		form.Call("appendChild", box)
		c.inputs[p.Name] = in
		f := js.FuncOf(func(this js.Value, _ []js.Value) any {
			v := this.Get("value").String()
			if p.Kind != state.Choice {
				v = state.FormatNumber(fromSlider(p, v))
			}
			send(domEvent{param: p.Name, value: v})
			return nil
		})
		c.funcs = append(c.funcs, f)
		in.Call("addEventListener", "input", f)
	}
	c.show(s)
	return c
}

// show writes the state's values into the controls (without firing
// their events) and hides those that do not apply.
func (c *controls) show(s state.State) {
	for name, in := range c.inputs {
		p := c.sc.Param(name)
		v := s.Values[name]
		if p.Kind == state.Choice {
			if in.Get("value").String() != v {
				in.Set("value", v)
			}
		} else {
			x := s.Float(name)
			// Leave a slider the user is dragging where it is.
			if fromSlider(p, in.Get("value").String()) != x {
				in.Set("value", toSlider(p, x))
			}
			in.Call("setAttribute", "aria-valuetext", display(p, v))
		}
		setText("o-"+name, display(p, v))
		show("ctl-"+name, scene.Relevant(c.sc.ID, s, name))
	}
}

// release frees the callbacks of replaced controls.
func (c *controls) release() {
	for _, f := range c.funcs {
		f.Release()
	}
}

// button adds an action button to #actions.
func button(ac action, send func(domEvent)) js.Func {
	b := el("button", map[string]string{"type": "button", "id": "a-" + ac.id, "title": ac.help}, ac.label)
	f := js.FuncOf(func(js.Value, []js.Value) any {
		send(domEvent{do: ac.do})
		return nil
	})
	b.Call("addEventListener", "click", f)
	byID("actions").Call("appendChild", b)
	return f
}

// download offers data as a file through a temporary object URL.
func download(name, mime string, data []byte) {
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	blob := js.Global().Get("Blob").New([]any{arr}, map[string]any{"type": mime})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	a := el("a", map[string]string{"href": url.String(), "download": name}, "")
	document.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	var revoke js.Func
	revoke = js.FuncOf(func(js.Value, []js.Value) any {
		js.Global().Get("URL").Call("revokeObjectURL", url)
		revoke.Release()
		return nil
	})
	js.Global().Call("setTimeout", revoke, 10000)
}

// copyText puts the value of the field (an input or textarea) on the
// clipboard and says so in #copy-status; where the browser refuses, it
// selects the text and says to copy it by hand.
func copyText(field js.Value, what string) {
	say := func(s string) { setText("copy-status", s) }
	fallback := func() {
		field.Call("select")
		say(what + " is selected: copy it with Ctrl+C (⌘C on a Mac); this browser did not let the page copy it.")
	}
	clip := js.Global().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		fallback()
		return
	}
	var ok, fail js.Func
	ok = js.FuncOf(func(js.Value, []js.Value) any {
		say(what + " is copied.")
		ok.Release()
		fail.Release()
		return nil
	})
	fail = js.FuncOf(func(js.Value, []js.Value) any {
		fallback()
		ok.Release()
		fail.Release()
		return nil
	})
	clip.Call("writeText", field.Get("value")).Call("then", ok, fail)
}

// figureRect returns the CSS-pixel rectangle of #figure in the viewport.
func figureRect() rect {
	r := byID("figure").Call("getBoundingClientRect")
	return rect{r.Get("left").Float(), r.Get("top").Float(), r.Get("width").Float(), r.Get("height").Float()}
}
