//go:build !js

package browsertest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// padPoint returns page coordinates of pad cell (cx, cy), 0 to 56, for
// the digit scene's layout (the pad is the figure's left square, under
// an 18-pixel title line).
func padPoint(p *page, cx, cy float64) (float64, float64) {
	x, y, w, h := p.figureBox()
	side := min(h-40, w*0.36)
	side = float64(int(side/56) * 56)
	return x + cx/56*side, y + 18 + cy/56*side
}

// reading returns the digit the numbers say the model reads.
func reading(p *page) string {
	n := p.text("numbers")
	_, after, ok := strings.Cut(n, "reads your digit as a ")
	if !ok {
		return ""
	}
	return after[:1]
}

// TestDigitScene: drawing with the mouse puts the digit in the URL and a
// worker reads it (nearest error, μ, curve, noisy copies); a second
// drawing changes the reading; the link restores it; the keyboard pen
// draws too; the exports hold the curve and the digit; "Open in slice
// explorer" slices through the drawing.
func TestDigitScene(t *testing.T) {
	// linear-clean: every step reads in a second or two (a cnn takes
	// about 20 s a reading here, and the cnn's page numbers are checked
	// against the CLI's in TestSliceAgreesWithCLI).
	p := newPage(t)
	p.open("#scene=digit&model=linear-clean")
	if n := p.text("numbers"); !strings.Contains(n, "The pad is empty") {
		t.Errorf("empty pad reads %q", n)
	}
	// A "1": one vertical stroke.
	var stroke [][2]float64
	for cy := 8.0; cy <= 48; cy += 4 {
		x, y := padPoint(p, 28, cy)
		stroke = append(stroke, [2]float64{x, y})
	}
	p.drag(stroke)
	p.waitFor(`location.hash.includes("digit=")`, 10*time.Second)
	p.measured()
	first := reading(p)
	n := p.text("numbers")
	for _, want := range []string{"linear-clean reads your digit as a", "Its nearest error, a", "In noise of σ = 0.3, μ =", "-σΦ⁻¹(μ)"} {
		if !strings.Contains(n, want) {
			t.Errorf("numbers %q lack %q", n, want)
		}
	}
	one := p.figure("digit-one")
	if colors, ink := pixelStats(one); colors < 8 || ink < 0.1 {
		t.Errorf("the digit scene looks blank: %d colors, %.1f%% inked", colors, 100*ink)
	}
	// Cleared and redrawn as a ring, it reads otherwise (a 0).
	p.clearMeasured()
	p.click("a-clear")
	var ring [][2]float64
	for a := 0.0; a <= 2*math.Pi+0.3; a += 0.25 {
		x, y := padPoint(p, 28+12*math.Cos(a), 28+18*math.Sin(a))
		ring = append(ring, [2]float64{x, y})
	}
	p.drag(ring)
	p.measured()
	p.figure("digit-two")
	second := reading(p)
	if first == "" || second == "" || first == second {
		t.Errorf("the model read %q, then %q after two more strokes", first, second)
	}
	note(t, "a drawn 1 reads as %s; a ring as %s", first, second)
	hash := eval[string](p, `location.hash`)
	numbers := p.text("numbers")
	// Exports: the curve as CSV, everything as JSON.
	dir := t.TempDir()
	p.allowDownloads(dir)
	p.click("a-csv")
	rows, err := csv.NewReader(bytes.NewReader(waitExport(t, dir, "noiseball-digit", ".csv"))).ReadAll()
	if err != nil || len(rows) != 21 || rows[0][0] != "sigma" {
		t.Errorf("CSV export: %d rows, %v", len(rows), err)
	}
	p.click("a-json")
	var res struct {
		Scene  string `json:"scene"`
		Pred   int    `json:"pred"`
		Pixels []byte `json:"pixels"`
		Noisy  []byte `json:"noisy"`
	}
	if err := json.Unmarshal(waitExport(t, dir, "noiseball-digit", ".json"), &res); err != nil || res.Scene != "digit" ||
		len(res.Pixels) != 784 || len(res.Noisy) != 16*784 || fmt.Sprint(res.Pred) != second {
		t.Errorf("JSON export: %v, scene %q, %d pixels, %d noisy bytes, pred %d", err, res.Scene, len(res.Pixels), len(res.Noisy), res.Pred)
	}

	// Into the slice explorer.
	p.clearMeasured()
	p.click("a-slice")
	p.waitFor(`location.hash.includes("scene=slice") && location.hash.includes("digit=")`, 10*time.Second)
	p.waitFor(`document.getElementById("figure").hasAttribute("data-measured")`, 180*time.Second)
	if n := p.text("numbers"); !strings.Contains(n, "linear-clean on your digit (read as a "+second+")") {
		t.Errorf("the slice of the drawing reads %q", n)
	}
	p.figure("digit-slice")
	// The link, loaded afresh, reads the same.
	p.reopen(hash)
	p.measured()
	if again := p.text("numbers"); again != numbers {
		t.Errorf("the link reads %q; the page read %q", again, numbers)
	}
	// The keyboard pen: focus, lower it, draw down, lift.
	p.reopen("#scene=digit&model=linear-clean")
	eval[bool](p, `(() => { document.getElementById("figure").focus(); return true })()`)
	keys := []string{" "}
	for range 12 {
		keys = append(keys, "ArrowDown")
	}
	keys = append(keys, " ")
	for _, key := range keys {
		p.do(5*time.Second, chromedp.KeyEvent(key))
	}
	p.waitFor(`location.hash.includes("digit=")`, 10*time.Second)
	p.measured()
	if n := p.text("numbers"); !strings.Contains(n, "linear-clean reads your digit as a") {
		t.Errorf("after drawing with the keyboard: %q", n)
	}
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// TestDigitCopyAndCancel: "Copy test digit" puts MNIST test digit 0 (a 7)
// on the pad; cancel stops the reading.
func TestDigitCopyAndCancel(t *testing.T) {
	p := newPage(t)
	p.open("#scene=digit&model=cnn-clean&start=0")
	p.click("a-copy") // waits for the test digits to download

	p.waitFor(`location.hash.includes("digit=")`, 30*time.Second)
	p.waitFor(`!document.getElementById("job").hidden && document.getElementById("job-text").textContent.startsWith("Reading")`, 30*time.Second)
	p.click("job-cancel")
	p.waitFor(`document.getElementById("job-text").textContent.startsWith("Canceled")`, 10*time.Second)
	if r := reading(p); r != "7" {
		t.Errorf("test digit 0 copied to the pad reads as %q, want 7 (%q)", r, p.text("numbers"))
	}
}
