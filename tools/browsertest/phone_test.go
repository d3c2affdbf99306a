//go:build !js

package browsertest

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// TestPhoneTouchTargets: on a 390×844 phone (emulated, with touch) every visible button, link, select
// and slider of every scene is at least 44 CSS pixels tall (WCAG 2.5.5),
// the figure fits the width, and the figure and the scene's first
// control are on screen together. Links inside running text are exempt,
// as WCAG exempts them.
func TestPhoneTouchTargets(t *testing.T) {
	p := newPhone(t)
	for _, hash := range []string{"#story=8", "#scene=noiseball", "#scene=isoperimetry", "#scene=slice&model=linear-clean&image=0", "#scene=bound", "#scene=digit&model=linear-clean", "#scene=playground", "#scene=spheres&n=20&width=32", "#scene=train", "#scene=compare"} {
		p.open(hash)
		small := eval[[]string](p, `[...document.querySelectorAll("button, a, select, input[type=range]")]
			.filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden" && getComputedStyle(e).display !== "inline")
			.filter(e => e.getBoundingClientRect().height < 44)
			.map(e => (e.id || e.textContent.trim()) + " " + Math.round(e.getBoundingClientRect().height) + "px")`)
		if len(small) > 0 {
			t.Errorf("%s: controls under 44 px tall: %v", hash, small)
		}
		_, _, w, _ := p.figureBox()
		if w > 390 || w < 300 {
			t.Errorf("%s: the figure is %s wide in a 390-pixel window", hash, fmt.Sprint(w))
		}
		// The figure and the scene's first control are on screen together
		// (the controls come right after the figure and its numbers).
		if strings.HasPrefix(hash, "#scene=") {
			if got := eval[string](p, `(() => { window.scrollTo(0, 0); const f = document.getElementById("figure").getBoundingClientRect();
				const c = document.querySelector("#controls .ctl:not([hidden]) input, #controls .ctl:not([hidden]) select").getBoundingClientRect();
				return f.top >= 0 && f.bottom <= innerHeight && c.top > f.bottom && c.bottom <= innerHeight ? "" : "figure " + Math.round(f.top) + "–" + Math.round(f.bottom) + ", first control " + Math.round(c.top) + "–" + Math.round(c.bottom) + " in a window " + innerHeight + " tall" })()`); got != "" {
				t.Errorf("%s: the figure and the first control are not on screen together: %s", hash, got)
			}
		}
	}
}

// TestPhoneJobPanel: on a phone the job panel, which lies over the foot
// of the figure, covers under 30% of it, whether it offers a
// measurement (Measure) or shows one running (Cancel); it once covered
// nearly half, hiding most of the plot.
func TestPhoneJobPanel(t *testing.T) {
	p := newPhone(t)
	p.open("#scene=bound&model=cnn-clean&images=20&sigma=0.5")
	share := func() float64 {
		return eval[float64](p, `(() => { const j = document.getElementById("job").getBoundingClientRect(), f = document.getElementById("figure").getBoundingClientRect();
			return (Math.min(j.bottom, f.bottom) - Math.max(j.top, f.top)) / f.height })()`)
	}
	p.waitFor(`!document.getElementById("job-start").hidden`, 60*time.Second)
	offer := share()
	p.click("job-start")
	p.waitFor(`!document.getElementById("job-cancel").hidden && document.getElementById("job-text").textContent.includes("left")`, 60*time.Second)
	running := share()
	note(t, "the job panel covers %.0f%% of the figure offering, %.0f%% running (390×844)", 100*offer, 100*running)
	if offer > 0.3 || running > 0.3 || offer <= 0 || running <= 0 {
		t.Errorf("the job panel covers %.0f%% of the figure when it offers and %.0f%% when a job runs; want under 30%%", 100*offer, 100*running)
	}
}

// touchDrag sends a one-finger touch from (x, y) moving by (dx, dy) CSS
// pixels in three steps, two frames apart (see page.frames; CI once saw
// a drag go unseen). A swipe up is touchDrag(p, x, y, 0, -dy); a tap is
// touchDrag(p, x, y, 0, 0).
func touchDrag(p *page, x, y, dx, dy float64) {
	p.t.Helper()
	send := func(typ input.DispatchTouchEventType, pts []*input.TouchPoint) {
		if _, err := chromedp.Call(p.ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: pts}); err != nil {
			p.t.Fatalf("touch: %v", err)
		}
		p.frames(2)
	}
	send(input.DispatchTouchEventTypeTouchStart, []*input.TouchPoint{{X: x, Y: y}})
	if dx != 0 || dy != 0 {
		for k := 1.0; k <= 3; k++ {
			send(input.DispatchTouchEventTypeTouchMove, []*input.TouchPoint{{X: x + dx*k/3, Y: y + dy*k/3}})
		}
	}
	send(input.DispatchTouchEventTypeTouchEnd, []*input.TouchPoint{})
}

// swipeScrolls swipes up from (x, y) and reports whether the page
// scrolled, after checking that the page left the touch to the browser
// (noiseball.touch). A busy machine may drop a synthesized gesture
// before the browser scrolls, so one of three swipes must move the
// page; the page is scrolled back to the top after.
func swipeScrolls(t *testing.T, p *page, where string, x, y float64) {
	t.Helper()
	scrolled := false
	for try := 0; try < 3 && !scrolled; try++ {
		touchDrag(p, x, y, 0, -150)
		if got := eval[string](p, `noiseball.touch || ""`); got != "scroll" {
			t.Fatalf("a touch on %s at (%.0f, %.0f) was taken by the figure (%q), on %s", where, x, y, got,
				eval[string](p, `(e => e.tagName + "#" + e.id)(document.elementFromPoint(`+fmt.Sprint(x)+`, `+fmt.Sprint(y)+`))`))
		}
		scrolled = p.poll(`window.scrollY > 50`, 5*time.Second)
	}
	if !scrolled {
		t.Fatalf("three swipes on %s left the page at scrollY %v", where, eval[float64](p, `window.scrollY`))
	}
	eval[bool](p, `(window.scrollTo(0, 0), true)`)
	p.waitFor(`window.scrollY === 0`, 10*time.Second)
}

// TestTouchScrollsOffTheFigure: on a phone, a touch takes the figure
// only on a handle (the boundary's, drawn as a grip, 44 CSS pixels
// wide): a swipe anywhere else on the figure scrolls the page, and a
// drag that starts on the handle moves the boundary with the finger
// (not to it) without scrolling. On a slice, which has no handle, a
// swipe scrolls and a tap reads the image under the finger; on the
// isoperimetry plane a swipe off the set's handle scrolls.
func TestTouchScrollsOffTheFigure(t *testing.T) {
	p := newPhone(t)
	p.open("#scene=noiseball")
	x, y, w, h := p.figureBox()
	d := hashParam(p, "d")
	swipeScrolls(t, p, "the histogram", x+w/2, y+h*0.85)
	swipeScrolls(t, p, "the plane, away from the boundary", x+w*0.1, y+h*0.4)
	if got := hashParam(p, "d"); got != d {
		t.Errorf("swipes off the boundary's handle moved d from %s to %s", d, got)
	}
	x, y, _, _ = p.figureBox()
	before := p.handle("d")
	if before.W < 44 {
		t.Errorf("the boundary's handle is %.0f CSS px wide, under 44", before.W)
	}
	// Start 10 px right of the line (on the handle) and move 20 px right:
	// the line moves 20 px, not to the finger (30). The whole range of d,
	// 0 to 5, is about 33 px here: the plane is drawn to scale, with the
	// noise shell's radius 8.4 across it.
	touchDrag(p, x+before.X+before.W/2+10, y+before.Y+before.H/2, 20, 0)
	p.waitFor(`new URLSearchParams(location.hash.slice(1)).get("d") !== "`+d+`"`, 10*time.Second)
	if s := eval[float64](p, `window.scrollY`); s != 0 {
		t.Errorf("a drag on the boundary's handle scrolled the page by %v px", s)
	}
	after := p.handle("d")
	// d in the link is rounded to the slider's step (a pixel or so here).
	if moved := after.X - before.X; math.Abs(moved-20) > 2 {
		t.Errorf("a 20-px drag that began 10 px right of the boundary moved it by %.1f px; want 20 (the boundary follows the finger's motion)", moved)
	}

	// The isoperimetry plane: a swipe off the set's handle scrolls.
	p.reopen("#scene=isoperimetry")
	iso := p.largestFrame()
	if set := p.handle("set"); set.W < 44 || set.H < 44 {
		t.Errorf("the set's handle is %.0f×%.0f CSS px, under 44", set.W, set.H)
	}
	x, y, _, _ = p.figureBox()
	swipeScrolls(t, p, "the isoperimetry plane, off the set's handle", x+iso.X+iso.W*0.15, y+iso.Y+iso.H*0.5)

	p.reopen("#scene=slice&model=linear-clean&image=0")
	p.measured()
	plane := p.largestFrame()
	x, y, _, _ = p.figureBox()
	cx, cy := x+plane.X+plane.W/2, y+plane.Y+plane.H/2
	swipeScrolls(t, p, "the slice's plane", cx, cy)
	x, y, _, _ = p.figureBox()
	if eval[bool](p, `!document.getElementById("probe").hidden`) {
		t.Fatalf("the probe shows before any tap: %q", p.text("probe"))
	}
	touchDrag(p, x+plane.X+plane.W*0.3, y+plane.Y+plane.H*0.3, 0, 0)
	if !p.poll(`!document.getElementById("probe").hidden`, 10*time.Second) {
		t.Errorf("a tap on the slice's plane did not read the image there")
	}
}
