//go:build !js

package browsertest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"strconv"
	"strings"
	"testing"
	"time"
)

// measured waits for the isoperimetry scene to finish a measurement
// begun after the figure's data-measured attribute was cleared.
func (p *page) measured() {
	p.t.Helper()
	p.waitFor(`document.getElementById("figure").hasAttribute("data-measured") && document.getElementById("job").hidden`, 60*time.Second)
}

func (p *page) clearMeasured() {
	eval[bool](p, `(() => { document.getElementById("figure").removeAttribute("data-measured"); return true })()`)
}

// TestIsoperimetryScene: the measurement runs in a worker and fills in
// the numbers; controls, "match mass" and painting change the set.
func TestIsoperimetryScene(t *testing.T) {
	p := newPage(t)
	p.open("#scene=isoperimetry&shape=disk&seed=1")
	p.measured()
	if mode := eval[string](p, `noiseball.workers`); mode != "workers" {
		t.Errorf("jobs run on %q, want workers", mode)
	}
	p.pageShot("page-isoperimetry")
	img := p.figure("isoperimetry-disk")
	if colors, ink := pixelStats(img); colors < 8 || ink < 0.05 {
		t.Errorf("the figure looks blank: %d colors, %.1f%% inked", colors, 100*ink)
	}
	disk := p.text("numbers")
	if !strings.Contains(disk, "Gaussian mass μ") || !strings.Contains(disk, "100000 noisy points") {
		t.Fatalf("numbers %q", disk)
	}

	// The half-plane matched to 5% meets the bound: ratio near 1.
	p.clearMeasured()
	p.setControl("p-shape", "halfplane")
	p.waitFor(`location.hash.includes("shape=halfplane")`, 5*time.Second)
	p.measured()
	p.clearMeasured()
	p.click("a-match")
	p.measured()
	half := p.text("numbers")
	ratio := after(half, "ratio to the bound ")
	if mu := after(half, "μ = "); ratio < 0.97 || ratio > 1.03 || mu < 0.046 || mu > 0.054 {
		t.Errorf("matched half-plane: ratio %v in %q", ratio, half)
	}
	if d := differ(img, p.figure("isoperimetry-halfplane")); d < 0.05 {
		t.Errorf("changing the shape changed %.1f%% of the figure", 100*d)
	}

	// A wedge of the same mass, its apex nearer than the half-plane's
	// boundary (with the apex at 1.65 the match would give a half-plane),
	// sits below the bound.
	p.open("#scene=isoperimetry&shape=wedge&dist=0.8&half=60&seed=1")
	p.measured()
	p.clearMeasured()
	p.click("a-match")
	p.measured()
	wedge := p.text("numbers")
	if r := after(wedge, "ratio to the bound "); r >= 0.97 {
		t.Errorf("matched wedge: ratio %v in %q; isoperimetry puts it below 1", r, wedge)
	}
	p.figure("isoperimetry-wedge")

	// Painting: a drag across the plane paints cells, which land in the URL.
	p.clearMeasured()
	p.setControl("p-shape", "paint")
	p.waitFor(`location.hash.includes("shape=paint")`, 5*time.Second)
	x, y, w, h := p.figureBox()
	pw := w * 0.6
	p.drag([][2]float64{{x + pw*0.7, y + h*0.3}, {x + pw*0.75, y + h*0.4}, {x + pw*0.8, y + h*0.5}, {x + pw*0.85, y + h*0.6}})
	p.measured()
	hash := eval[string](p, `location.hash`)
	if !strings.Contains(hash, "shape=paint") || strings.Contains(hash, "paint=&") {
		t.Errorf("painting did not reach the URL: %s", hash)
	}
	if n := p.text("numbers"); strings.Contains(n, "no noisy point hit") {
		t.Errorf("the painted set has no mass: %q", n)
	}
	p.figure("isoperimetry-paint")
	// The same link in a new browser restores the painting and its numbers.
	numbers := p.text("numbers")
	q := newPage(t)
	q.open(hash)
	q.measured()
	if again := eval[string](q, `location.hash`); again != hash {
		t.Errorf("link %s came back as %s", hash, again)
	}
	if again := q.text("numbers"); again != numbers {
		t.Errorf("link measured %q, then %q", numbers, again)
	}
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// TestCancel: a long measurement stops on Cancel and says so.
func TestCancel(t *testing.T) {
	p := newPage(t)
	p.open("#scene=isoperimetry&shape=blobs&samples=4000000")
	p.waitFor(`!document.getElementById("job").hidden && document.getElementById("job-progress").value > 0`, 30*time.Second)
	p.click("job-cancel")
	p.waitFor(`document.getElementById("job-text").textContent.startsWith("Canceled")`, 10*time.Second)
	time.Sleep(time.Second)
	if eval[bool](p, `document.getElementById("figure").hasAttribute("data-measured")`) {
		t.Error("a canceled measurement still delivered its result")
	}
	// Leaving a scene stops its job.
	p.click("a-measure")
	p.waitFor(`!document.getElementById("job").hidden && document.getElementById("job-progress").value > 0`, 30*time.Second)
	p.open("#scene=noiseball")
	time.Sleep(time.Second)
	if eval[bool](p, `!document.getElementById("job").hidden`) {
		t.Errorf("the isoperimetry job still shows on the noise ball: %q", p.text("job-text"))
	}
}

// after parses the number that follows prefix in s.
func after(s, prefix string) float64 {
	i := strings.Index(s, prefix)
	if i < 0 {
		return -1
	}
	f := strings.FieldsFunc(s[i+len(prefix):], func(r rune) bool { return r == ' ' || r == ',' || r == ')' })
	if len(f) == 0 {
		return -1
	}
	v, _ := strconv.ParseFloat(strings.TrimSuffix(f[0], "."), 64)
	return v
}

// TestIsoperimetryExportsAndBadLinks: the second scene's exports, bad
// parameters and embed mode, as TestExportsAndEmbed and
// TestBadParametersReported check them for the first.
func TestIsoperimetryExportsAndBadLinks(t *testing.T) {
	p := newPage(t)
	dir := t.TempDir()
	p.open("#scene=isoperimetry&shape=cube&sigma=9&samples=20000")
	msg := p.text("problem")
	for _, part := range []string{"shape=cube is not one of halfplane, disk", "sigma=9 is not a number from 0.2 to 2", "defaults are used"} {
		if !strings.Contains(msg, part) {
			t.Errorf("problem sentence %q lacks %q", msg, part)
		}
	}
	if s := hashParam(p, "shape"); s != "disk" || hashParam(p, "samples") != "20000" {
		t.Errorf("hash after a bad link: shape %q, samples %q", s, hashParam(p, "samples"))
	}
	p.measured()
	p.allowDownloads(dir)
	p.click("a-png")
	img, err := png.Decode(bytes.NewReader(waitExport(t, dir, "noiseball-isoperimetry", ".png")))
	if err != nil {
		t.Fatalf("the PNG export does not decode: %v", err)
	}
	if colors, _ := pixelStats(img); colors < 8 {
		t.Errorf("the PNG export has %d colors", colors)
	}
	p.click("a-csv")
	rows, err := csv.NewReader(bytes.NewReader(waitExport(t, dir, "noiseball-isoperimetry", ".csv"))).ReadAll()
	if err != nil || len(rows) != 62 || rows[0][2] != "isoperimetric_bound" {
		t.Errorf("CSV export: %d rows, %v", len(rows), err)
	}
	p.click("a-json")
	var res struct {
		Scene   string  `json:"scene"`
		Samples int     `json:"samples"`
		Mu      float64 `json:"mu"`
	}
	if err := json.Unmarshal(waitExport(t, dir, "noiseball-isoperimetry", ".json"), &res); err != nil || res.Scene != "isoperimetry" || res.Samples != 20000 || res.Mu <= 0 {
		t.Errorf("JSON export: %+v, %v", res, err)
	}
	q := newPage(t)
	q.open("#scene=isoperimetry&embed=1")
	q.measured()
	vis := eval[struct{ Header, Panel, Readout, Caption bool }](q, `(() => { const v = id => getComputedStyle(document.querySelector(id)).display !== "none";
		return {Header: v("header"), Panel: v("#panel"), Readout: v("#numbers"), Caption: v("#caption")} })()`)
	if vis.Header || vis.Panel || vis.Readout || !vis.Caption {
		t.Errorf("embed mode shows %+v; want only the caption (and figure)", vis)
	}
	if colors, ink := pixelStats(q.figure("isoperimetry-embed")); colors < 8 || ink < 0.05 {
		t.Errorf("embedded figure looks blank: %d colors, %.1f%% inked", colors, 100*ink)
	}
}
