//go:build !js

package browsertest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// hashParam returns the value of name in the page's hash.
func hashParam(p *page, name string) string {
	return eval[string](p, `new URLSearchParams(location.hash.slice(1)).get("`+name+`") || ""`)
}

// TestCanvasDragMouseAndTouch: the noise-ball boundary follows a mouse
// drag and a touch drag, and the URL follows the boundary.
func TestCanvasDragMouseAndTouch(t *testing.T) {
	p := newPage(t)
	if _, err := chromedp.Call(p.ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 2}); err != nil {
		t.Fatalf("touch emulation: %v", err)
	}
	p.open("#scene=noiseball&n=784&sigma=0.3&fix=mu&mu=0.01")
	x, y, w, h := p.figureBox()
	plane := y + h*0.5
	p.drag([][2]float64{{x + w*0.55, plane}, {x + w*0.6, plane}, {x + w*0.7, plane}})
	dMouse := hashParam(p, "d")
	if hashParam(p, "fix") != "d" || dMouse == "0.698" || dMouse == "" {
		t.Errorf("after a mouse drag: fix=%s d=%s; want fix=d and a new d", hashParam(p, "fix"), dMouse)
	}
	touch := func(typ input.DispatchTouchEventType, px float64) {
		pts := []*input.TouchPoint{{X: px, Y: plane}}
		if typ == input.DispatchTouchEventTypeTouchEnd {
			pts = []*input.TouchPoint{}
		}
		if _, err := chromedp.Call(p.ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: pts}); err != nil {
			t.Fatalf("touch: %v", err)
		}
		p.frames(2)
	}
	touch(input.DispatchTouchEventTypeTouchStart, x+w*0.7)
	touch(input.DispatchTouchEventTypeTouchMove, x+w*0.62)
	touch(input.DispatchTouchEventTypeTouchMove, x+w*0.5)
	touch(input.DispatchTouchEventTypeTouchEnd, 0)
	if dTouch := hashParam(p, "d"); dTouch == dMouse || dTouch == "" {
		t.Errorf("a touch drag left d at %s", dTouch)
	}
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// TestWithoutWorkers: where Web Workers are missing, the same jobs run
// on the page in slices of a few milliseconds per frame, and the canvas
// keeps drawing (frames are counted, not timed).
func TestWithoutWorkers(t *testing.T) {
	p := newPage(t)
	if _, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: `delete window.Worker; window.Worker = undefined;`}); err != nil {
		t.Fatal(err)
	}
	p.open("#scene=isoperimetry&shape=disk&samples=100000")
	p.measured()
	if mode := eval[string](p, `noiseball.workers`); mode != "page" {
		t.Fatalf("jobs run on %q, want the page itself", mode)
	}
	if n := p.text("numbers"); !strings.Contains(n, "Gaussian mass μ") {
		t.Errorf("numbers %q", n)
	}
	p.clearMeasured()
	p.setControl("p-samples", "1000") // 4 million points
	p.waitFor(`!document.getElementById("job").hidden`, 10*time.Second)
	busy := watchFrames(p, 60000, true)
	p.measured()
	note(t, "no workers: %.1f fps over %.0f ms while the page stepped the job itself (largest gap %.0f ms)", busy.FPS, busy.MS, busy.MaxGap)
	// The frame gap is the machine's number (noted above); a page that ran
	// the whole job in one call would draw no frame while it ran.
	if busy.Frames < 2 {
		t.Errorf("the page drew %d frames while it ran the job: it did not step the job in slices", busy.Frames)
	}
}
