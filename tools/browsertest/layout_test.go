//go:build !js

package browsertest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"noiseball/wasm/layout"
)

// layoutHashes are the views whose text layout TestFigureLayout checks:
// every step of the story (which shows every scene) and the busiest
// views beyond it.
var layoutHashes = []string{"#story=1", "#story=2", "#story=3", "#story=4", "#story=5", "#story=6", "#story=7", "#story=8",
	"#scene=bound&compare=linear-clean&smooth=on", "#scene=bound&compare=cnn-gauss0.4&compare2=cnn-pgd-l2-1.0&compare3=linear-clean", "#scene=isoperimetry&shape=wedge", "#scene=noiseball&n=10&sigma=1", "#scene=playground&data=blobs", "#scene=spheres&n=20&width=32", "#scene=train", "#scene=compare", "#scene=compare&view=corruption", "#scene=compare&view=pgd", "#scene=compare&view=nearest", "#scene=compare&view=defense"}

// TestFigureLayout: on a desktop and on a phone, no label of any figure
// overprints another, crosses a plot's border or leaves the figure, in
// the figure as drawn (the app records its label and plot boxes on
// request; package layout checks them).
func TestFigureLayout(t *testing.T) {
	p := newPageSized(t, 1280, 800)
	for _, phone := range []bool{false, true} {
		if phone {
			// The same browser as a phone, as newPhone makes one.
			p.do(30*time.Second, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch))
		}
		for i, hash := range layoutHashes {
			if i == 0 {
				p.reopen(hash)
			} else {
				p.clearMeasured() // the last view's mark must not stand for this one's
				p.open(hash)
			}
			p.waitFor(`document.getElementById("job").hidden && document.getElementById("numbers").textContent !== "" &&
				(document.getElementById("figure").hasAttribute("data-measured") || document.getElementById("story-explore").getAttribute("href").startsWith("#scene=noiseball"))`, 120*time.Second)
			got := p.layout()
			if phone && got.W > 390 || !phone && got.W < 500 {
				t.Errorf("%s (phone %v): a figure %.0f px wide", hash, phone, got.W)
			}
			labels := 0
			for _, b := range got.Boxes {
				if !b.Frame && !b.Handle {
					labels++
				}
			}
			if labels < 3 {
				t.Errorf("%s (phone %v): %d labels recorded", hash, phone, labels)
			}
			for _, msg := range layout.Problems(got.Boxes, got.W, got.H) {
				t.Errorf("%s (phone %v): %s", hash, phone, msg)
			}
		}
	}
}

// layout asks the app to record the figure's boxes as it draws the next
// frame, and returns them.
func (p *page) layout() layout.Figure {
	p.t.Helper()
	eval[bool](p, `(noiseball.layout = "", noiseball.measureLayout(), true)`)
	p.waitFor(`noiseball.layout !== ""`, 30*time.Second)
	var got layout.Figure
	if err := json.Unmarshal([]byte(eval[string](p, `noiseball.layout`)), &got); err != nil {
		p.t.Fatal(err)
	}
	return got
}

// handle returns the figure's handle for what (CSS pixels from the
// figure's corner).
func (p *page) handle(what string) layout.Box {
	p.t.Helper()
	for _, b := range p.layout().Boxes {
		if b.Handle && b.Text == what {
			return b
		}
	}
	p.t.Fatalf("the figure has no handle for %s", what)
	return layout.Box{}
}

// largestFrame returns the figure's largest plot (CSS pixels from the
// figure's corner).
func (p *page) largestFrame() layout.Box {
	p.t.Helper()
	var best layout.Box
	for _, b := range p.layout().Boxes {
		if b.Frame && b.W*b.H > best.W*best.H {
			best = b
		}
	}
	if best.W == 0 {
		p.t.Fatal("the figure has no plot")
	}
	return best
}
