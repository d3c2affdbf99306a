//go:build !js

package browsertest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The viewport is small because headless Chromium renders WebGL in
// software on the same two cores the worker uses.
const viewW, viewH = 960, 720

var (
	root    = filepath.Join("..", "..")
	outDir  = filepath.Join(root, "out", "browser")
	baseURL string
	// noiseballBin is the CLI built for the tests.
	noiseballBin string
	serverLog    struct {
		sync.Mutex
		lines []string
	}
)

// chromiumPath finds Debian's Chromium or explains how to get it.
func chromiumPath() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("the browser tests need Chromium: install the Debian package 'chromium' (apt-get install chromium), or run 'make test' as root, which installs it")
}

func TestMain(m *testing.M) {
	if _, err := os.Stat(filepath.Join(root, "site", "app.wasm")); err != nil {
		fmt.Fprintln(os.Stderr, "browsertest: the page is not built; run 'make site' first (make test does)")
		os.Exit(1)
	}
	os.MkdirAll(outDir, 0o755)
	bin, _ := filepath.Abs(filepath.Join(os.TempDir(), fmt.Sprintf("noiseball-browsertest-%d", os.Getpid())))
	noiseballBin = bin
	build := exec.Command("go", "build", "-o", bin, "./tools/noiseball")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "browsertest: building noiseball: %v\n%s", err, out)
		os.Exit(1)
	}
	base, stop, err := serve(filepath.Join(root, "site"), func(line string) {
		serverLog.Lock()
		serverLog.lines = append(serverLog.lines, line)
		serverLog.Unlock()
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		os.Remove(bin)
		os.Exit(1)
	}
	baseURL = base
	code := m.Run()
	stop()
	os.Remove(bin)
	os.Exit(code)
}

// serve starts 'noiseball serve -log' on dir at a free port of 127.0.0.1
// and returns its URL; each request's log line goes to logLine.
func serve(dir string, logLine func(string)) (base string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	srv := exec.Command(noiseballBin, "serve", "-log", "-addr", addr, "-dir", dir)
	stdout, _ := srv.StdoutPipe()
	srv.Stderr = os.Stderr
	if err := srv.Start(); err != nil {
		return "", nil, fmt.Errorf("starting noiseball serve: %v", err)
	}
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() { // "Noise Ball is served at ..."
		srv.Process.Kill()
		return "", nil, fmt.Errorf("noiseball serve did not start on %s", addr)
	}
	go func() {
		for sc.Scan() {
			logLine(sc.Text())
		}
	}()
	return "http://" + addr + "/", func() { srv.Process.Kill(); srv.Wait() }, nil
}

// page is one browser tab with its console errors collected.
type page struct {
	t      *testing.T
	ctx    context.Context
	mu     sync.Mutex
	errors []string
	loaded bool
	base   string // the server's URL
	close  func() // ends the browser (also done when the test ends)
}

// newPage starts a fresh headless Chromium (its own profile) with the
// flags these machines need for WebGL2 in software.
func newPage(t *testing.T) *page {
	t.Helper()
	return newPageSized(t, viewW, viewH)
}

// newPageSized is newPage with a w×h window.
func newPageSized(t *testing.T, w, h int) *page {
	t.Helper()
	exe, err := chromiumPath()
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(w, h),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	closeAll := func() { cancelC(); cancelA() }
	t.Cleanup(closeAll)
	p := &page{t: t, ctx: ctx, base: baseURL, close: closeAll}
	err = chromedp.Listen(ctx, func(ev any) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			// Go prints a panic or fatal error through console.log.
			goDied := false
			for _, a := range e.Args {
				goDied = goDied || strings.Contains(string(a.Value), "panic") || strings.Contains(string(a.Value), "fatal error")
			}
			if e.Type == runtime.ConsoleAPICalledTypeError || goDied {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				p.errors = append(p.errors, "console.error: "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			p.errors = append(p.errors, "exception: "+e.ExceptionDetails.Text+" "+describe(e.ExceptionDetails.Exception))
		}
	})
	if err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return p
}

// newPhone is a fresh headless Chromium emulating a phone: a 390×844
// CSS-pixel viewport at device pixel ratio 2, mobile, with touch (a
// desktop window cannot be made narrower than about 500 pixels).
func newPhone(t *testing.T) *page {
	t.Helper()
	p := newPageSized(t, 390, 844)
	p.do(30*time.Second, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch))
	return p
}

func describe(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	return o.Description
}

// do runs actions with a time limit.
func (p *page) do(timeout time.Duration, steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, timeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.t.Fatalf("%v (console: %v)", err, p.consoleErrors())
	}
}

func (p *page) consoleErrors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

// open navigates to a hash and waits until the app has loaded it and
// drawn frames. A navigation that changes only the hash keeps the page
// (and the mark set here): then it waits for the app's next load.
func (p *page) open(hash string) {
	p.t.Helper()
	before := 0.0
	if p.loaded {
		before = eval[float64](p, `(() => { window.nbMark = true; return noiseball.loads })()`)
	}
	p.loaded = true
	p.do(90*time.Second, chromedp.Navigate(p.base+hash),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(`window.noiseball !== undefined && noiseball.frames > 5 && (!window.nbMark || noiseball.loads > %v)`, before),
			chromedp.WithPollingTimeout(60*time.Second)))
}

// reopen loads hash afresh in the same browser, as a visitor following
// a link would (a new page, not a change of hash).
func (p *page) reopen(hash string) {
	p.t.Helper()
	p.do(30*time.Second, chromedp.Navigate("about:blank"))
	p.loaded = false
	p.open(hash)
}

// eval evaluates JavaScript and decodes its value.
func eval[T any](p *page, js string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	// A page that replaces its JavaScript context meanwhile (a reload
	// the service worker asks for) loses the evaluation: ask the new
	// context, a few times.
	for try := 0; err != nil && strings.Contains(err.Error(), "Cannot find context with specified id") && try < 5; try++ {
		time.Sleep(200 * time.Millisecond)
		v, err = chromedp.Run(ctx, chromedp.Evaluate[T](js))
	}
	if err != nil {
		p.t.Fatalf("evaluating %s: %v (console: %v)", js, err, p.consoleErrors())
	}
	return v
}

func (p *page) text(id string) string {
	return eval[string](p, fmt.Sprintf(`document.getElementById(%q).textContent`, id))
}

// waitFor polls a JavaScript condition.
func (p *page) waitFor(cond string, timeout time.Duration) {
	p.t.Helper()
	p.do(timeout+10*time.Second, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(timeout)))
}

// poll reports whether cond became true within timeout.
func (p *page) poll(cond string, timeout time.Duration) bool {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, timeout+10*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(timeout)))
	return err == nil
}

// figure screenshots #figure (the canvas shows through it) and saves it
// as out/browser/name.png.
func (p *page) figure(name string) image.Image {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.ID("figure")))
	if err != nil {
		p.t.Fatalf("screenshot: %v", err)
	}
	os.WriteFile(filepath.Join(outDir, name+".png"), buf, 0o644)
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		p.t.Fatalf("screenshot: %v", err)
	}
	return img
}

// setControl sets a control's value as a user would and fires input.
func (p *page) setControl(id, value string) {
	p.t.Helper()
	eval[bool](p, fmt.Sprintf(`(() => { const e = document.getElementById(%q); e.value = %q;
		e.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, id, value))
}

func (p *page) click(id string) {
	p.t.Helper()
	eval[bool](p, fmt.Sprintf(`(() => { document.getElementById(%q).click(); return true })()`, id))
}

// mouse sends one mouse event at page coordinates.
func (p *page) mouse(typ input.DispatchMouseEventType, x, y float64, buttons int64) {
	p.t.Helper()
	params := input.DispatchMouseEventParams{Type: typ, X: x, Y: y, Buttons: buttons}
	if typ != input.DispatchMouseEventTypeMouseMoved {
		params.Button, params.ClickCount = input.MouseButtonLeft, 1
	}
	if _, err := chromedp.Call(p.ctx, input.DispatchMouseEvent, params); err != nil {
		p.t.Fatalf("mouse: %v", err)
	}
}

// drag presses the left button at the first point, moves through the
// others and releases at the last, holding each long enough for
// Ebiten's once-per-frame input check.
func (p *page) drag(points [][2]float64) {
	p.t.Helper()
	x, y := points[0][0], points[0][1]
	p.mouse(input.DispatchMouseEventTypeMouseMoved, x, y, 0)
	p.mouse(input.DispatchMouseEventTypeMousePressed, x, y, 1)
	p.frames(2)
	for _, q := range points[1:] {
		p.mouse(input.DispatchMouseEventTypeMouseMoved, q[0], q[1], 1)
		p.frames(2)
	}
	last := points[len(points)-1]
	p.mouse(input.DispatchMouseEventTypeMouseReleased, last[0], last[1], 0)
	p.frames(2)
}

// frames waits until the app has drawn n more frames. Ebiten reads the
// pointer once a frame, so a gesture's events are spaced by frames, not
// by time: on a busy machine a press and a release between two frames
// would never be seen.
func (p *page) frames(n int) {
	p.t.Helper()
	now := eval[float64](p, `noiseball.frames`)
	p.waitFor(fmt.Sprintf(`noiseball.frames >= %v`, now+float64(n)), 30*time.Second)
}

// figureBox returns #figure's rectangle in page coordinates.
func (p *page) figureBox() (x, y, w, h float64) {
	r := eval[[]float64](p, `(() => { const b = document.getElementById("figure").getBoundingClientRect(); return [b.left, b.top, b.width, b.height] })()`)
	return r[0], r[1], r[2], r[3]
}

// allowDownloads saves the page's downloads into dir under their names.
func (p *page) allowDownloads(dir string) {
	p.t.Helper()
	_, err := chromedp.CallBrowser(p.ctx, browser.SetDownloadBehavior,
		browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
	if err != nil {
		p.t.Fatalf("allowing downloads: %v", err)
	}
}

// waitExport waits for the download into dir whose name starts with
// prefix (the scene: "noiseball-slice") and ends in suffix (".csv"),
// and returns its bytes and name. Exported files are named for the
// scene and the settings that differ from the defaults.
func waitExport(t *testing.T, dir, prefix, suffix string) []byte {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if n := e.Name(); strings.HasPrefix(n, prefix) && strings.HasSuffix(n, suffix) {
				if b, err := os.ReadFile(filepath.Join(dir, n)); err == nil && len(b) > 0 {
					return b
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no download %s…%s in %s", prefix, suffix, dir)
	return nil
}

// pixelStats returns how many distinct colors the image has and the
// share of pixels that differ from the page background.
func pixelStats(img image.Image) (colors int, inked float64) {
	seen := map[uint32]bool{}
	b := img.Bounds()
	n, ink := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bb, _ := img.At(x, y).RGBA()
			seen[(r>>11)<<10|(g>>11)<<5|bb>>11] = true
			n++
			if !(r>>8 == 0xfa && g>>8 == 0xfa && bb>>8 == 0xf7) {
				ink++
			}
		}
	}
	return len(seen), float64(ink) / float64(n)
}

// differ returns the share of sampled pixels that differ between a and b.
func differ(a, b image.Image) float64 {
	if a.Bounds() != b.Bounds() {
		return 1
	}
	n, d := 0, 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			n++
			if a.At(x, y) != b.At(x, y) {
				d++
			}
		}
	}
	return float64(d) / float64(n)
}

// note appends a measured line to out/browser/numbers.txt and the log.
func note(t *testing.T, format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	t.Log(s)
	f, err := os.OpenFile(filepath.Join(outDir, "numbers.txt"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err == nil {
		fmt.Fprintln(f, time.Now().Format(time.RFC3339), t.Name(), s)
		f.Close()
	}
}

// pageShot saves the whole viewport as out/browser/name.png.
func (p *page) pageShot(name string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatalf("screenshot: %v", err)
	}
	os.WriteFile(filepath.Join(outDir, name+".png"), buf, 0o644)
}
