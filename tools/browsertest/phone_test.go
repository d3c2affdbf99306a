//go:build !js

package browsertest

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// TestPhoneTouchTargets: on a 390×844 phone (emulated, with touch) every visible button, link, select
// and slider of every scene is at least 44 CSS pixels tall (WCAG 2.5.5),
// and the figure fits the width. Links inside running text are exempt,
// as WCAG exempts them.
func TestPhoneTouchTargets(t *testing.T) {
	p := newPhone(t)
	for _, hash := range []string{"#story=8", "#scene=noiseball", "#scene=isoperimetry", "#scene=slice&model=linear-clean&image=0", "#scene=bound", "#scene=digit&model=linear-clean"} {
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
	}
}

// swipe sends a one-finger touch from (x, y) moving up by dy CSS pixels,
// two frames apart (see page.frames; CI once saw a drag go unseen).
func swipe(p *page, x, y, dy float64) {
	p.t.Helper()
	steps := []struct {
		typ input.DispatchTouchEventType
		y   float64
	}{{input.DispatchTouchEventTypeTouchStart, y}, {input.DispatchTouchEventTypeTouchMove, y - dy/3}, {input.DispatchTouchEventTypeTouchMove, y - 2*dy/3},
		{input.DispatchTouchEventTypeTouchMove, y - dy}, {input.DispatchTouchEventTypeTouchEnd, 0}}
	for _, s := range steps {
		pts := []*input.TouchPoint{{X: x, Y: s.y}}
		if s.typ == input.DispatchTouchEventTypeTouchEnd {
			pts = []*input.TouchPoint{}
		}
		if _, err := chromedp.Call(p.ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: s.typ, TouchPoints: pts}); err != nil {
			p.t.Fatalf("touch: %v", err)
		}
		p.frames(2)
	}
}

// TestTouchScrollsOffTheFigure: on a phone, a swipe that starts on the
// figure outside its interactive part (the noise ball's histogram)
// scrolls the page; one that starts on the plane drags the boundary and
// does not scroll.
func TestTouchScrollsOffTheFigure(t *testing.T) {
	p := newPhone(t)
	p.open("#scene=noiseball")
	x, y, w, h := p.figureBox()
	d := hashParam(p, "d")
	// A busy machine may drop a synthesized gesture before the browser
	// scrolls; the page's own decision (noiseball.touch) must be "scroll"
	// every time, and one of three swipes must move the page.
	scrolled := false
	for try := 0; try < 3 && !scrolled; try++ {
		swipe(p, x+w/2, y+h*0.85, 150)
		if got := eval[string](p, `noiseball.touch || ""`); got != "scroll" {
			t.Fatalf("a touch on the histogram at (%.0f, %.0f) in the figure at (%.0f, %.0f, %.0f×%.0f) was taken by the figure (%q), on %s",
				w/2, h*0.85, x, y, w, h, got, eval[string](p, `(e => e.tagName + "#" + e.id)(document.elementFromPoint(`+fmt.Sprint(x+w/2)+`, `+fmt.Sprint(y+h*0.85)+`))`))
		}
		scrolled = p.poll(`window.scrollY > 50`, 5*time.Second)
	}
	if !scrolled {
		t.Fatalf("three swipes on the histogram left the page at scrollY %v", eval[float64](p, `window.scrollY`))
	}
	if got := hashParam(p, "d"); got != d {
		t.Errorf("a swipe on the histogram moved d from %s to %s", d, got)
	}
	eval[bool](p, `(window.scrollTo(0, 0), true)`)
	p.waitFor(`window.scrollY === 0`, 10*time.Second)
	x, y, w, h = p.figureBox()
	swipe(p, x+w*0.8, y+h*0.3, 60)
	p.waitFor(`new URLSearchParams(location.hash.slice(1)).get("d") !== "`+d+`"`, 10*time.Second)
	if s := eval[float64](p, `window.scrollY`); s != 0 {
		t.Errorf("a drag on the plane scrolled the page by %v px", s)
	}
}
