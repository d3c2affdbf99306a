//go:build !js

package browsertest

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
)

// TestSliceScene: the slice explorer downloads a model and the test
// digits, a worker fills the slice, the numbers name the nearest error,
// and hovering shows the image at a point.
func TestSliceScene(t *testing.T) {
	p := newPage(t)
	p.open("#scene=slice&model=linear-clean&image=0&sigma=0.3&seed=1")
	p.waitFor(`document.getElementById("figure").hasAttribute("data-measured")`, 120*time.Second)
	ms := eval[string](p, `document.getElementById("figure").getAttribute("data-measured")`)
	note(t, "linear-clean slice of digit 0 (64x64 grid, 500 noisy copies, exact nearest error) in %s ms", ms)
	n := p.text("numbers")
	if !strings.Contains(n, "linear-clean on test digit 0 (a 7") || !strings.Contains(n, "the nearest error found is") {
		t.Errorf("numbers %q", n)
	}
	p.pageShot("page-slice")
	img := p.figure("slice-linear-clean-0")
	if colors, ink := pixelStats(img); colors < 8 || ink < 0.2 {
		t.Errorf("the slice looks blank: %d colors, %.1f%% inked", colors, 100*ink)
	}
	x, y, _, h := p.figureBox()
	p.mouse(input.DispatchMouseEventTypeMouseMoved, x+h*0.3, y+h*0.4, 0)
	p.frames(3) // read in one frame, drawn in the next
	hover := p.figure("slice-hover")
	if d := differ(img, hover); d < 0.005 {
		t.Errorf("hovering changed %.2f%% of the figure", 100*d)
	}
	// The second plane, two random directions: the same numbers, another
	// picture.
	p.open("#scene=slice&model=linear-clean&image=0&sigma=0.3&seed=1&plane=random")
	p.waitFor(`document.getElementById("figure").hasAttribute("data-measured")`, 120*time.Second)
	if again := p.text("numbers"); again != n {
		t.Errorf("the random plane reads %q; the error plane read %q", again, n)
	}
	if d := differ(img, p.figure("slice-linear-clean-0-random")); d < 0.05 {
		t.Errorf("the random plane changed %.1f%% of the figure", 100*d)
	}

	// The cnn: the same, with the nearest-error search; its time is the
	// page's headline cost.
	p.open("#scene=slice&model=cnn-clean&image=0&sigma=0.3&seed=1")
	p.waitFor(`document.getElementById("figure").hasAttribute("data-measured")`, 180*time.Second)
	ms = eval[string](p, `document.getElementById("figure").getAttribute("data-measured")`)
	note(t, "cnn-clean slice of digit 0 (search, 500 noisy copies, 64x64 grid) in %s ms on %s", ms, eval[string](p, `noiseball.workers`))
	if n := p.text("numbers"); !strings.Contains(n, "cnn-clean on test digit 0 (a 7, predicted 7)") {
		t.Errorf("numbers %q", n)
	}
	p.figure("slice-cnn-clean-0")
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// TestMissingAsset: when a model cannot be downloaded, or arrives
// corrupt, the page says so in a sentence and the other scenes keep
// working. The page is served from a copy of site/ without cnn-gauss0.4
// and with cnn-gauss0.1 replaced by garbage (a copy, not symbolic links:
// the server refuses links that leave its directory).
func TestMissingAsset(t *testing.T) {
	dir := t.TempDir()
	site, _ := filepath.Abs(filepath.Join(root, "site"))
	err := filepath.WalkDir(site, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(site, path)
		target := filepath.Join(dir, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case strings.Contains(rel, "cnn-gauss0.4.safetensors"):
			return nil
		case strings.Contains(rel, "cnn-gauss0.1.safetensors"):
			if strings.HasSuffix(rel, ".safetensors") {
				return os.WriteFile(target, []byte("this is not a safetensors file"), 0o644)
			}
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	base, stop, err := serve(dir, func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	for _, c := range []struct{ model, want string }{
		{"cnn-gauss0.4", "could not download assets/models/cnn-gauss0.4.safetensors"},
		{"cnn-gauss0.1", "the weights of cnn-gauss0.1 are unusable"},
	} {
		p := newPage(t)
		p.base = base
		p.open("#scene=slice&model=" + c.model)
		p.waitFor(`!document.getElementById("problem").hidden`, 60*time.Second)
		msg := p.text("problem")
		if !strings.Contains(msg, c.want) || !strings.Contains(msg, "other scenes keep working") {
			t.Errorf("%s: problem sentence %q", c.model, msg)
		}
		p.open("#scene=noiseball")
		if n := p.text("numbers"); !strings.Contains(n, "784 dimensions") {
			t.Errorf("after a missing asset the noise ball reads %q", n)
		}
	}
}

// TestSliceAgreesWithCLI: the nearest-error distance the page computes in
// its worker (wasm) equals, to the last bit, what 'noiseball attack'
// prints natively for the same model and digit.
func TestSliceAgreesWithCLI(t *testing.T) {
	cmd := exec.Command(noiseballBin, "attack", "-model", "cnn-clean", "-first", "3", "-n", "1")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("noiseball attack: %v", err)
	}
	var cli []struct {
		Distance float64 `json:"distance"`
		Label    int     `json:"label"`
	}
	if err := json.Unmarshal(out, &cli); err != nil || len(cli) != 1 {
		t.Fatalf("noiseball attack printed %s: %v", out, err)
	}
	p := newPage(t)
	dir := t.TempDir()
	p.allowDownloads(dir)
	p.open("#scene=slice&model=cnn-clean&image=3&sigma=0.3&seed=1")
	p.waitFor(`document.getElementById("figure").hasAttribute("data-measured")`, 180*time.Second)
	p.click("a-json")
	var page struct {
		Distance float64 `json:"nearest_distance"`
		Label    int     `json:"label"`
	}
	if err := json.Unmarshal(waitExport(t, dir, "noiseball-slice", ".json"), &page); err != nil {
		t.Fatal(err)
	}
	note(t, "cnn-clean, test digit 3: the page's nearest error %v, the CLI's %v", page.Distance, cli[0].Distance)
	// The worker computed it on the SIMD kernel, not on Go's own
	// kernels, which would agree too.
	if k := eval[string](p, `noiseball.kernel || ""`); k != "simd128" {
		t.Errorf("the worker computed with the %q kernel, want simd128 (worker.js could not load site/simd.wasm?)", k)
	}
	if page.Distance != cli[0].Distance || page.Label != cli[0].Label {
		t.Errorf("page: label %d, distance %v; CLI: label %d, distance %v", page.Label, page.Distance, cli[0].Label, cli[0].Distance)
	}
	// The CLI built for GOAMD64=v3, whose compiler would fuse products
	// into FMAs (tools/fmacheck keeps core free of them), agrees too.
	if !cpuHas("fma") || !cpuHas("avx2") || runtime.GOARCH != "amd64" {
		note(t, "no GOAMD64=v3 comparison: this processor lacks FMA or AVX2")
		return
	}
	v3 := filepath.Join(t.TempDir(), "noiseball-v3")
	build := exec.Command("go", "build", "-o", v3, "./tools/noiseball")
	build.Dir, build.Env = root, append(os.Environ(), "GOAMD64=v3")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building noiseball for GOAMD64=v3: %v\n%s", err, out)
	}
	cmd = exec.Command(v3, "attack", "-model", "cnn-clean", "-first", "3", "-n", "1")
	cmd.Dir = root
	outV3, err := cmd.Output()
	if err != nil {
		t.Fatalf("noiseball attack (GOAMD64=v3): %v", err)
	}
	if string(outV3) != string(out) {
		t.Errorf("the CLI built for GOAMD64=v3 printed %s, the default build %s", outV3, out)
	}
}

// cpuHas reports whether Linux lists the processor feature flag.
func cpuHas(flag string) bool {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "flags"); ok {
			return slices.Contains(strings.Fields(rest), flag)
		}
	}
	return false
}

// TestMisclassifiedDigit: "Misclassified digit" moves to a test digit the
// model gets wrong, and the numbers say so.
func TestMisclassifiedDigit(t *testing.T) {
	p := newPage(t)
	p.open("#scene=slice&model=linear-clean&image=0")
	p.waitFor(`document.getElementById("figure").hasAttribute("data-measured")`, 120*time.Second)
	p.click("a-misclassified")
	p.waitFor(`new URLSearchParams(location.hash.slice(1)).get("image") !== "0"`, 60*time.Second)
	p.waitFor(`document.getElementById("figure").hasAttribute("data-measured")`, 120*time.Second)
	n := p.text("numbers")
	var label, pred int
	if i := strings.Index(n, "(a "); i < 0 {
		t.Fatalf("numbers %q", n)
	} else if _, err := fmt.Sscanf(n[i:], "(a %d, predicted %d)", &label, &pred); err != nil || label == pred {
		t.Errorf("after “Misclassified digit”: %q", n)
	}
	note(t, "linear-clean's first misclassified test digit after 0: %s", hashParam(p, "image"))
}

// TestLoadWeightsFile: “Load weights…” runs a visitor's safetensors file
// (here linear-clean's, fed to the file picker by the test) and refuses a
// file that is not one, in a sentence.
func TestLoadWeightsFile(t *testing.T) {
	// A file that is not a model and one with a NaN weight are refused
	// with a sentence; the zoo's own file then runs as "your model".
	p := newPage(t)
	p.open("#scene=slice&model=linear-clean&image=0")
	p.waitFor(`document.getElementById("figure").hasAttribute("data-measured")`, 120*time.Second)
	want := p.text("numbers")
	// The test plays the visitor choosing a file: the page's file input
	// receives the bytes when the page opens it.
	feed := func(body string) {
		eval[bool](p, `(() => { HTMLInputElement.prototype.click = function () {
			if (this.type !== "file") return;
			Promise.resolve(`+body+`).then(b => { const dt = new DataTransfer(); dt.items.add(new File([b], "mine.safetensors"));
				this.files = dt.files; this.dispatchEvent(new Event("change")); }); }; return true })()`)
		p.click("a-load")
	}
	feed(`new TextEncoder().encode("not weights")`)
	p.waitFor(`document.getElementById("problem").textContent.includes("mine.safetensors is not a model")`, 30*time.Second)
	// The CLI's checks guard the page: a NaN weight is named.
	feed(`fetch("assets/models/linear-clean.safetensors").then(r => r.arrayBuffer()).then(b => { const u = new Uint8Array(b); u.set([0, 0, 0xc0, 0x7f], u.length - 4); return u; })`)
	p.waitFor(`document.getElementById("problem").textContent.includes("holds NaN")`, 30*time.Second)
	feed(`fetch("assets/models/linear-clean.safetensors").then(r => r.arrayBuffer())`)
	p.waitFor(`location.hash.includes("model=file")`, 30*time.Second)
	p.waitFor(`document.getElementById("figure").hasAttribute("data-measured")`, 120*time.Second)
	got := p.text("numbers")
	if !strings.HasPrefix(got, "your model on test digit 0") || strings.TrimPrefix(got, "your model") != strings.TrimPrefix(want, "linear-clean") {
		t.Errorf("your file reads %q; linear-clean read %q", got, want)
	}
}
