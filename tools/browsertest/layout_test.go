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
	"#scene=bound&compare=linear-clean&smooth=on", "#scene=isoperimetry&shape=wedge", "#scene=noiseball&n=10&sigma=1"}

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
			eval[bool](p, `(noiseball.layout = "", noiseball.measureLayout(), true)`)
			p.waitFor(`noiseball.layout !== ""`, 30*time.Second)
			var got layout.Figure
			if err := json.Unmarshal([]byte(eval[string](p, `noiseball.layout`)), &got); err != nil {
				t.Fatal(err)
			}
			if phone && got.W > 390 || !phone && got.W < 500 {
				t.Errorf("%s (phone %v): a figure %.0f px wide", hash, phone, got.W)
			}
			labels := 0
			for _, b := range got.Boxes {
				if !b.Frame {
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
