//go:build !js

package browsertest

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusWalk presses Tab n times and returns, per press, the focused
// element as "tag#id" (or its text for a link), and whether each showed
// a focus outline.
func focusWalk(p *page, n int) (stops []string, outlined []bool) {
	p.t.Helper()
	for range n {
		p.do(10e9, chromedp.KeyEvent(kb.Tab))
		stops = append(stops, eval[string](p, `(() => { const e = document.activeElement; return e.tagName.toLowerCase() + "#" + (e.id || e.textContent.trim().slice(0, 20)); })()`))
		outlined = append(outlined, eval[bool](p, `getComputedStyle(document.activeElement).outlineStyle !== "none"`))
	}
	return stops, outlined
}

// TestKeyboardWalk: Tab walks the page in order (scene links, controls,
// the figure, then its actions) with a visible outline at every stop, never
// lands on Ebiten's canvas, and a click on the figure does not trap the
// keyboard there.
func TestKeyboardWalk(t *testing.T) {
	p := newPage(t)
	p.open("#scene=noiseball")
	stops, outlined := focusWalk(p, 30)
	t.Logf("Tab stops: %v", stops)
	index := func(want string) int {
		return slices.IndexFunc(stops, func(s string) bool { return strings.HasPrefix(s, want) })
	}
	nav, ctl, figure, png := index("a#nav-noiseball"), index("input#p-n"), index("div#figure"), index("button#a-png")
	if nav < 0 || ctl < 0 || figure < 0 || png < 0 {
		t.Fatalf("Tab never reached the scene links, the n slider, the figure or the PNG button: %v", stops)
	}
	if !(nav < ctl && ctl < figure && figure < png) {
		t.Errorf("Tab order: scene links at %d, n at %d, figure at %d, PNG at %d; want links, controls, figure, actions", nav, ctl, figure, png)
	}
	for i, s := range stops {
		if strings.HasPrefix(s, "canvas") {
			t.Errorf("Tab stop %d is the canvas", i)
		}
		if !outlined[i] && !strings.HasPrefix(s, "body") { // body: past the last stop
			t.Errorf("Tab stop %d (%s) shows no focus outline", i, s)
		}
	}
	// The n slider, moved by the keyboard and back, returns to 784 (its
	// logarithmic positions round to 773 and 787 around it), and a
	// screen reader hears the value, not the position.
	eval[bool](p, `(document.getElementById("p-n").focus(), true)`)
	p.do(10e9, chromedp.KeyEvent(kb.ArrowRight))
	p.waitFor(`document.getElementById("o-n").textContent !== "784"`, 10*time.Second)
	p.do(10e9, chromedp.KeyEvent(kb.ArrowLeft))
	p.waitFor(`document.getElementById("o-n").textContent === "784" && document.getElementById("p-n").getAttribute("aria-valuetext") === "784"`, 10*time.Second)
	// A click on the figure, then Tab: focus moves on.
	x, y, w, h := p.figureBox()
	p.do(10e9, chromedp.MouseClickXY(x+w/2, y+h/2))
	after, _ := focusWalk(p, 2)
	for _, s := range after {
		if strings.HasPrefix(s, "canvas") || s == after[0] && s == after[1] {
			t.Errorf("after a click on the figure, Tab is stuck: %v", after)
		}
	}
}

// TestKeyboardProbes: with the figure focused, the arrow keys move the
// slice's probe and walk the bound's digits, and what the canvas reads
// out there is written into #probe for a screen reader; Enter opens the
// chosen digit in the slice explorer.
func TestKeyboardProbes(t *testing.T) {
	p := newPage(t)
	p.open("#scene=slice&model=linear-clean&image=0")
	p.measured()
	eval[bool](p, `(document.getElementById("figure").focus(), true)`)
	p.do(10e9, chromedp.KeyEvent(kb.ArrowRight))
	p.waitFor(`!document.getElementById("probe").hidden`, 10*time.Second)
	first := p.text("probe")
	if !strings.Contains(first, "linear-clean reads a") {
		t.Errorf("slice probe after ArrowRight: %q", first)
	}
	for range 4 {
		p.do(10e9, chromedp.KeyEvent(kb.ArrowUp))
	}
	p.waitFor(`document.getElementById("probe").textContent !== `+strconv.Quote(first), 10*time.Second)

	p.open("#scene=bound")
	// The shipped points must be here before a key can walk them: on a
	// busy machine their download may take longer than a key press.
	p.measured()
	p.waitFor(`document.getElementById("probe").hidden`, 10*time.Second)
	eval[bool](p, `(document.getElementById("figure").focus(), true)`)
	p.do(10e9, chromedp.KeyEvent(kb.ArrowRight))
	p.waitFor(`document.getElementById("probe").textContent.startsWith("digit 0 (a 7)")`, 10*time.Second)
	p.do(10e9, chromedp.KeyEvent(kb.ArrowRight))
	p.waitFor(`document.getElementById("probe").textContent.startsWith("digit 1 (a 2)")`, 10*time.Second)
	if got := p.text("probe"); !strings.Contains(got, "μ = ") || !strings.Contains(got, "bound") {
		t.Errorf("bound probe: %q", got)
	}
	p.do(10e9, chromedp.KeyEvent(kb.Enter))
	p.waitFor(`location.hash.includes("scene=slice") && location.hash.includes("image=1")`, 10*time.Second)
}
