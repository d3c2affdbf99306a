//go:build !js

package browsertest

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestStory walks the story as a first-time visitor does: the bare URL
// opens step 1 without rewriting the URL, Next moves on (focus follows
// to the step's title), every step shows the figure its section names
// without asking for a long measurement, a bad step number says so in
// one sentence, and "Explore this figure" opens the scene with its
// controls. It saves each step's screenshot at 1280×800 as
// out/browser/story-N.png (README shows step 1's, copied to
// tools/browsertest/screenshots).
func TestStory(t *testing.T) {
	p := newPageSized(t, 1280, 800)
	p.open("")
	if got := eval[string](p, `document.body.dataset.story + " " + location.hash + "|" + document.title`); !strings.HasPrefix(got, "1 |1. A change") {
		t.Errorf("the bare URL shows story step, hash|title %q; want step 1 with the hash left empty", got)
	}
	if eval[bool](p, `document.getElementById("panel").getClientRects().length > 0`) {
		t.Error("the scene's controls show in the story")
	}
	before := eval[float64](p, `noiseball.loads`)
	eval[bool](p, `(document.getElementById("story-next").focus(), document.getElementById("story-next").click(), true)`)
	p.waitFor(fmt.Sprintf(`noiseball.loads > %v`, before), 30*time.Second)
	if got := eval[string](p, `location.hash + " " + document.activeElement.textContent`); got != "#story=2 2. Noise lives far away" {
		t.Errorf("after Next: hash and focused element %q", got)
	}
	steps := eval[[]string](p, `[...document.querySelectorAll("#story .step")].map(s => s.dataset.figure)`)
	if len(steps) < 5 {
		t.Fatalf("%d steps", len(steps))
	}
	for i, figure := range steps {
		n := i + 1
		p.open(fmt.Sprintf("#story=%d", n))
		want, _ := url.ParseQuery(strings.TrimPrefix(figure, "#"))
		p.waitFor(`document.getElementById("numbers").textContent !== ""`, 30*time.Second)
		got := eval[string](p, `document.getElementById("story-explore").getAttribute("href")`)
		q, _ := url.ParseQuery(strings.TrimPrefix(got, "#"))
		if q.Get("scene") != want.Get("scene") {
			t.Errorf("step %d shows %s; its section names %s", n, got, figure)
		}
		for k := range want {
			if q.Get(k) != want.Get(k) {
				t.Errorf("step %d: %s=%q in the figure, %q in the section", n, k, q.Get(k), want.Get(k))
			}
		}
		visible := eval[[]string](p, `[...document.querySelectorAll("#story .step")].filter(s => !s.hidden).map(s => s.id)`)
		if len(visible) != 1 || visible[0] != fmt.Sprintf("step-%d", n) {
			t.Errorf("step %d: visible sections %v", n, visible)
		}
		if eval[bool](p, `!document.getElementById("job-start").hidden && !document.getElementById("job").hidden`) {
			t.Errorf("step %d asks the visitor to start a measurement: %s", n, p.text("job-text"))
		}
		if msg := eval[string](p, `document.getElementById("problem").hidden ? "" : document.getElementById("problem").textContent`); msg != "" {
			t.Errorf("step %d shows a problem: %s", n, msg)
		}
		eval[bool](p, `(window.scrollTo(0, 0), true)`)
		// Back and Next are on screen at 1280×800 without scrolling.
		if bottom := eval[float64](p, `(document.getElementById("story-nav").getBoundingClientRect().bottom - innerHeight)`); bottom > 0 {
			t.Errorf("step %d: Back and Next end %.0f px below the window", n, bottom)
		}
		time.Sleep(time.Second)
		p.pageShot(fmt.Sprintf("story-%d", n))
	}
	p.open("#story=12")
	if got := p.text("problem"); !strings.Contains(got, "step 12") || !strings.Contains(got, "step 1 is shown") {
		t.Errorf("a link to step 12 says %q", got)
	}
	if got := eval[string](p, `document.body.dataset.story`); got != "1" {
		t.Errorf("a link to step 12 shows step %s", got)
	}
	// Explore: the scene with its controls, the URL naming its state.
	eval[bool](p, `(document.getElementById("story-explore").click(), true)`)
	p.waitFor(`location.hash.startsWith("#scene=slice") && document.getElementById("panel").getClientRects().length > 0`, 30*time.Second)
	if eval[bool](p, `document.getElementById("story").getClientRects().length > 0 || document.getElementById("problem").textContent !== "" && !document.getElementById("problem").hidden`) {
		t.Error("after Explore, the story or a problem still shows")
	}
	if got := eval[string](p, `document.getElementById("nav-slice").getAttribute("aria-current") + " " + document.getElementById("nav-story").getAttribute("aria-current")`); got != "page null" {
		t.Errorf("after Explore, aria-current of the slice and story links: %s", got)
	}
}

// TestLandingPoster: the landing shows a picture of its figure (a slice)
// before the program runs, even when the program cannot load; another
// figure neither shows nor loads it; and the live figure replaces it.
func TestLandingPoster(t *testing.T) {
	p := newPageSized(t, 1280, 800)
	if _, err := chromedp.Call(p.ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	block := network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{{URLPattern: "*://*:*/app.wasm", Block: true}}}
	if _, err := chromedp.Call(p.ctx, network.SetBlockedURLs, block); err != nil {
		t.Fatal(err)
	}
	p.do(30*time.Second, chromedp.Navigate(p.base))
	p.waitFor(`!document.getElementById("error").hidden`, 30*time.Second)
	poster, img := `document.getElementById("poster-slice")`, `document.querySelector("#poster-slice img")`
	p.waitFor(img+`.complete && `+img+`.naturalWidth > 0`, 30*time.Second)
	if got := eval[string](p, `(i => [i.parentElement.hidden, getComputedStyle(i).display, i.naturalWidth, getComputedStyle(document.getElementById("poster")).display].join(" "))(`+img+`)`); got != "false block 1075 none" {
		t.Errorf("on the landing, without its program: the slice's poster (hidden, display, natural width) and the noise ball's display: %q; want false block 1075 none", got)
	}
	// Another slice: no picture (it is of digit 0, not 5).
	eval[bool](p, `(location.hash = "#scene=slice&image=5", true)`)
	p.waitFor(poster+`.hidden`, 10*time.Second)

	q := newPageSized(t, 1280, 800)
	q.open("#scene=slice&image=5")
	if src := eval[string](q, img+`.getAttribute("src") || ""`); src != "" {
		t.Errorf("a slice of another digit loaded the landing's poster (%s)", src)
	}
	q.close()
	r := newPageSized(t, 1280, 800)
	r.open("")
	r.measured()
	if n := eval[float64](r, `document.querySelectorAll(".poster").length`); n != 0 {
		t.Errorf("%v posters left over the live figure", n)
	}
}
