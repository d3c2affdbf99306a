//go:build !js

package browsertest

import (
	"bytes"
	"encoding/csv"
	"image/png"
	"math"
	"strings"
	"testing"
	"time"
)

// TestNoiseBallScene walks the first scene as a visitor would.
func TestNoiseBallScene(t *testing.T) {
	p := newPage(t)
	p.open("#scene=noiseball")
	p.pageShot("page-noiseball")
	img := p.figure("noiseball")
	if colors, ink := pixelStats(img); colors < 8 || ink < 0.05 {
		t.Errorf("the figure looks blank: %d colors, %.1f%% inked", colors, 100*ink)
	}
	before := p.text("numbers")
	if !strings.Contains(before, "784 dimensions") {
		t.Errorf("numbers %q do not speak of the default n = 784", before)
	}
	// A control change moves both the picture and the numbers.
	p.setControl("p-n", "200") // log slider: about n = 16
	p.waitFor(`!document.getElementById("numbers").textContent.includes("784 dimensions")`, 5*time.Second)
	after := p.figure("noiseball-small-n")
	if d := differ(img, after); d < 0.01 {
		t.Errorf("changing n changed %.2f%% of the figure", 100*d)
	}
	hash := eval[string](p, `location.hash`)
	if strings.Contains(hash, "n=784") || !strings.Contains(hash, "scene=noiseball") {
		t.Errorf("the URL did not follow the control: %s", hash)
	}
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// TestHashRestoresState: a link gives back the exact view.
func TestHashRestoresState(t *testing.T) {
	p := newPage(t)
	link := "#scene=noiseball&n=100&sigma=0.5&fix=mu&d=1&mu=0.01&seed=7"
	p.open(link)
	got := eval[struct {
		N, Sigma, Fix string
		Hash          string
	}](p, `({N: document.getElementById("p-n").getAttribute("aria-valuetext"),
		Sigma: document.getElementById("p-sigma").value, Fix: document.getElementById("p-fix").value, Hash: location.hash})`)
	if got.N != "100" || got.Sigma != "0.5" || got.Fix != "mu" {
		t.Errorf("controls %+v, want n 100, sigma 0.5, fix mu", got)
	}
	// d follows from μ = 1%: 0.5 · 2.326 = 1.163.
	if !strings.Contains(got.Hash, "d=1.163") || !strings.Contains(got.Hash, "seed=7") {
		t.Errorf("hash %s does not hold d = 1.163 and seed 7", got.Hash)
	}
	if n := p.text("numbers"); !strings.Contains(n, "100 dimensions") || !strings.Contains(n, "μ = Φ(-d/σ) = 0.01;") {
		t.Errorf("numbers %q", n)
	}
	// The same link again: the same numbers, to the sample, and the same
	// figure up to a few antialiased pixels (SwiftShader rasterizes the
	// same paths a pixel differently from one frame to another).
	numbers := p.text("numbers")
	a := p.figure("hash-a")
	p.open(link + "&seed=8")
	p.open(link)
	if again := p.text("numbers"); again != numbers {
		t.Errorf("the same link read %q, then %q", numbers, again)
	}
	if d := differ(a, p.figure("hash-b")); d > 0.01 {
		t.Errorf("the same link drew a different figure (%.2f%% of pixels)", 100*d)
	}
}

// TestBadParametersReported: one sentence, defaults used.
func TestBadParametersReported(t *testing.T) {
	p := newPage(t)
	p.open("#scene=noiseball&n=0&sigma=abc&zoom=2")
	msg := p.text("problem")
	for _, part := range []string{"n=0", "sigma=abc", "zoom", "defaults are used"} {
		if !strings.Contains(msg, part) {
			t.Errorf("problem sentence %q lacks %q", msg, part)
		}
	}
	hidden := eval[bool](p, `document.getElementById("problem").hidden`)
	if hidden || !strings.Contains(p.text("numbers"), "784 dimensions") {
		t.Errorf("sentence hidden %v; numbers %q", hidden, p.text("numbers"))
	}
	p.open("#scene=nowhere")
	if !strings.Contains(p.text("problem"), `no scene "nowhere"`) {
		t.Errorf("unknown scene: %q", p.text("problem"))
	}
}

// TestExportsAndEmbed: PNG and CSV downloads are valid files; embed mode
// hides everything but the figure and its caption; share offers both.
func TestExportsAndEmbed(t *testing.T) {
	p := newPage(t)
	dir := t.TempDir()
	p.open("#scene=noiseball&n=784&sigma=0.3&d=0.7")
	p.allowDownloads(dir)
	p.click("a-png")
	b := waitExport(t, dir, "noiseball-noiseball", ".png")
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the PNG export does not decode: %v", err)
	}
	if colors, _ := pixelStats(img); colors < 8 || img.Bounds().Dx() < 300 {
		t.Errorf("the PNG export is %v with %d colors", img.Bounds(), colors)
	}
	// Twice the figure's CSS size; the captioned one adds the caption and
	// the link under it.
	_, _, fw, fh := p.figureBox()
	if dx, dy := img.Bounds().Dx(), img.Bounds().Dy(); math.Abs(float64(dx)-2*fw) > 1 || math.Abs(float64(dy)-2*fh) > 1 {
		t.Errorf("the PNG export is %dx%d; the figure is %.0fx%.0f CSS pixels", dx, dy, fw, fh)
	}
	p.click("a-png-caption")
	capt, err := png.Decode(bytes.NewReader(waitExport(t, dir, "noiseball-noiseball-captioned", ".png")))
	if err != nil || capt.Bounds().Dx() != img.Bounds().Dx() || capt.Bounds().Dy() < img.Bounds().Dy()+150 {
		t.Errorf("the captioned PNG: %v, %v (plain %v)", err, capt.Bounds(), img.Bounds())
	}
	p.click("a-csv")
	rows, err := csv.NewReader(bytes.NewReader(waitExport(t, dir, "noiseball-noiseball", ".csv"))).ReadAll()
	if err != nil || len(rows) != 2001 || rows[0][3] != "signed_distance" {
		t.Errorf("CSV export: %d rows, %v", len(rows), err)
	}
	p.click("a-json")
	if js := waitExport(t, dir, "noiseball-noiseball", ".json"); !bytes.Contains(js, []byte(`"noise_radius": 8.4`)) {
		t.Errorf("JSON export: %s", js)
	}
	p.click("a-share")
	p.frames(2) // the click is handled in the game loop
	share := eval[struct{ Link, Embed string }](p, `({Link: document.getElementById("share-link").value, Embed: document.getElementById("share-embed").value})`)
	if !strings.Contains(share.Link, "#scene=noiseball&n=784") || !strings.Contains(share.Embed, "<iframe") || !strings.Contains(share.Embed, "embed=1") {
		t.Errorf("share: %+v", share)
	}

	p.open("#scene=noiseball&embed=1")
	vis := eval[struct{ Header, Panel, Readout, Caption bool }](p, `(() => { const v = id => { const e = document.querySelector(id); return e.offsetParent !== null || getComputedStyle(e).display !== "none" && e.getClientRects().length > 0 };
		return {Header: v("header"), Panel: v("#panel"), Readout: v("#numbers"), Caption: v("#caption")} })()`)
	if vis.Header || vis.Panel || vis.Readout || !vis.Caption {
		t.Errorf("embed mode shows %+v; want only the caption (and figure)", vis)
	}
	if colors, ink := pixelStats(p.figure("noiseball-embed")); colors < 8 || ink < 0.05 {
		t.Errorf("embedded figure looks blank: %d colors, %.1f%% inked", colors, 100*ink)
	}
}
