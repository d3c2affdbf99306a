//go:build !js

package browsertest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// hashParam returns the value of name in the page's hash.
func hashParam(p *page, name string) string {
	return eval[string](p, `new URLSearchParams(location.hash.slice(1)).get("`+name+`") || ""`)
}

// TestCanvasDragMouseAndTouch: the noise-ball boundary follows a mouse
// drag (which may start anywhere in the plane) and a touch drag on its
// handle, and the URL follows the boundary.
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
	// A touch takes the boundary on its handle, and the boundary follows
	// the finger's motion.
	hd := p.handle("d")
	touchDrag(p, x+hd.X+hd.W/2, y+hd.Y+hd.H/2, -40, 0)
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
