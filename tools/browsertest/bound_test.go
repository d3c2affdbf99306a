//go:build !js

package browsertest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"noiseball/core/measure"
	"noiseball/core/nn"
	"noiseball/wasm/scene"
)

// boundExport is the bound scene's JSON export.
type boundExport struct {
	Scene  string           `json:"scene"`
	Series []measure.Series `json:"series"`
	Source []string         `json:"source"`
}

// TestBoundScenePrecomputed: the zoo's shipped results show at once for
// two models in the same axes, Fig. 2 redraws the same points, the
// smoothing overlay adds marks, and the exports carry every point with
// its settings.
func TestBoundScenePrecomputed(t *testing.T) {
	p := newPage(t)
	dir := t.TempDir()
	p.open("#scene=bound&model=cnn-clean&compare=cnn-gauss0.4&images=50")
	p.measured()
	n := p.text("numbers")
	for _, want := range []string{"cnn-clean at σ = 0.3 (precomputed by noiseball bound)", "cnn-gauss0.4 at σ = 0.3 (precomputed", "times the bound -σΦ⁻¹(μ)", "Fig. 2:"} {
		if !strings.Contains(n, want) {
			t.Errorf("numbers %q lack %q", n, want)
		}
	}
	fig4 := p.figure("bound-fig4-cnn-clean-vs-gauss0.4")
	if colors, ink := pixelStats(fig4); colors < 8 || ink < 0.03 {
		t.Errorf("Fig. 4 looks blank: %d colors, %.1f%% inked", colors, 100*ink)
	}
	p.open("#scene=bound&model=cnn-clean&compare=cnn-gauss0.4&images=50&smooth=on")
	p.measured()
	if d := differ(fig4, p.figure("bound-fig4-smoothing")); d < 0.002 {
		t.Errorf("the smoothing overlay changed %.2f%% of the figure", 100*d)
	}
	if n := p.text("numbers"); !strings.Contains(n, "Smoothing certifies") {
		t.Errorf("numbers with smoothing %q", n)
	}
	p.open("#scene=bound&model=cnn-clean&compare=cnn-gauss0.4&images=50&view=fig2")
	p.measured()
	if d := differ(fig4, p.figure("bound-fig2")); d < 0.05 {
		t.Errorf("Fig. 2 changed %.1f%% of the figure", 100*d)
	}
	p.allowDownloads(dir)
	p.click("a-json")
	var res boundExport
	if err := json.Unmarshal(waitExport(t, dir, "noiseball-bound", ".json"), &res); err != nil || res.Scene != "bound" || len(res.Series) != 2 ||
		len(res.Series[0].Points) != 50 || res.Source[0] != "precomputed" {
		t.Fatalf("JSON export: %v (%d series)", err, len(res.Series))
	}
	p.click("a-csv")
	rows, err := csv.NewReader(bytes.NewReader(waitExport(t, dir, "noiseball-bound", ".csv"))).ReadAll()
	if err != nil || len(rows) != 101 || rows[0][0] != "model" || rows[1][2] != "0.3" || rows[1][3] != "1" {
		t.Errorf("CSV export: %d rows, %v", len(rows), err)
	}
	// A point opens in the slice explorer: click the first cnn-clean digit
	// drawn (hovering finds it).
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// cliBound runs 'noiseball bound' and returns its series.
func cliBound(t *testing.T, args ...string) measure.Series {
	t.Helper()
	cmd := exec.Command(noiseballBin, append([]string{"bound"}, args...)...)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("noiseball bound %q: %v", args, err)
	}
	var s measure.Series
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("noiseball bound printed %s: %v", out, err)
	}
	return s
}

// TestBoundAgreesWithCLI: a measurement the page makes in its workers
// (wasm, sharded over 1 or 2 workers) agrees with 'noiseball bound'
// (native) point for point (measure.Point.Agrees: counts and distances
// exactly, interval ends to 12 digits), and "Recompute here" confirms the
// shipped results.
func TestBoundAgreesWithCLI(t *testing.T) {
	want := cliBound(t, "-model", "linear-clean", "-n", "10", "-sigma", "0.45", "-seed", "7")
	p := newPage(t) // one browser: each part loads its page afresh
	for _, workers := range []int{1, 2} {
		p.base = baseURL + "?workers=" + strconv.Itoa(workers)
		dir := t.TempDir()
		p.reopen("#scene=bound&model=linear-clean&images=10&sigma=0.45&seed=7")
		p.measured()
		if n := p.text("numbers"); !strings.Contains(n, "linear-clean at σ = 0.45 (measured here)") {
			t.Errorf("%d workers: numbers %q", workers, n)
		}
		p.allowDownloads(dir)
		p.click("a-json")
		var res boundExport
		if err := json.Unmarshal(waitExport(t, dir, "noiseball-bound", ".json"), &res); err != nil || len(res.Series) != 1 {
			t.Fatalf("%d workers: JSON export: %v", workers, err)
		}
		got := res.Series[0]
		same := len(got.Points) == len(want.Points) && got.Model == want.Model && got.Settings == want.Settings
		for i := range want.Points {
			same = same && got.Points[i].Agrees(want.Points[i])
		}
		if !same {
			t.Errorf("%d workers: the page measured\n%+v\nnoiseball bound printed\n%+v", workers, got, want)
		}
	}
	// More digits than shipped: the shipped 50 and 10 measured here, all
	// agreeing with the command line.
	wide := cliBound(t, "-model", "linear-clean", "-n", "60")
	p.base = baseURL
	dir := t.TempDir()
	p.reopen("#scene=bound&model=linear-clean&images=60")
	p.measured()
	if n := p.text("numbers"); !strings.Contains(n, "(precomputed by noiseball bound, the further digits measured here)") {
		t.Errorf("60 digits: numbers %q", n)
	}
	p.allowDownloads(dir)
	p.click("a-json")
	var res boundExport
	if err := json.Unmarshal(waitExport(t, dir, "noiseball-bound", ".json"), &res); err != nil || len(res.Series) != 1 || len(res.Series[0].Points) != 60 {
		t.Fatalf("60 digits: JSON export: %v", err)
	}
	for i, pt := range res.Series[0].Points {
		if !pt.Agrees(wide.Points[i]) {
			t.Errorf("60 digits: point %d is %+v on the page, %+v from the CLI", i, pt, wide.Points[i])
		}
	}
	p.open("#scene=bound&model=linear-clean&images=20")
	p.measured()
	p.clearMeasured()
	p.click("a-recompute")
	p.measured()
	if n := p.text("numbers"); !strings.Contains(n, "Recomputed here: 20 of 20 digits agree with the shipped results") {
		t.Errorf("after recomputing: %q", n)
	}
}

// TestBoundCancel: a measurement longer than scene.AskAbove waits for
// "Measure", with its estimate; Cancel stops it and offers it again
// (no result arrives); Cancel after "Recompute here" brings the shipped
// points back.
func TestBoundCancel(t *testing.T) {
	p := newPage(t)
	p.open("#scene=bound&model=cnn-clean&images=20&sigma=0.5")
	p.waitFor(`!document.getElementById("job-start").hidden`, 60*time.Second)
	if got := p.text("job-text"); !strings.HasPrefix(got, "Measuring 20 digits here") || !strings.Contains(got, "would take about") {
		t.Errorf("the offer reads %q", got)
	}
	time.Sleep(time.Second)
	if eval[bool](p, `!document.getElementById("job-cancel").hidden || document.getElementById("job-text").textContent.includes("%")`) {
		t.Error("a long measurement started without being asked for")
	}
	checkEstimate(t, p, 20)
	p.click("job-start")
	p.waitFor(`!document.getElementById("job-cancel").hidden && document.getElementById("job-text").textContent.startsWith("Measuring 20 digits × 1 model on")`, 60*time.Second)
	p.click("job-cancel")
	p.waitFor(`!document.getElementById("job-start").hidden && document.getElementById("job-text").textContent.startsWith("Measuring 20 digits here")`, 10*time.Second)
	time.Sleep(time.Second)
	if eval[bool](p, `document.getElementById("figure").hasAttribute("data-measured")`) {
		t.Error("a canceled measurement still finished")
	}

	p.open("#scene=bound&model=cnn-clean&images=5")
	p.measured()
	before := p.text("numbers")
	p.clearMeasured()
	p.click("a-recompute")
	p.waitFor(`!document.getElementById("job-cancel").hidden && document.getElementById("job-text").textContent.startsWith("Measuring")`, 60*time.Second)
	p.click("job-cancel")
	p.measured()
	if got := p.text("numbers"); got != before || !strings.Contains(got, "precomputed by noiseball bound") {
		t.Errorf("after Recompute and Cancel the numbers read %q; before, %q", got, before)
	}
}

// checkEstimate checks that the estimate the page offers for digits of
// cnn-clean is what scene.BoundMeasurement.Estimate gives on one worker
// at the speed of the kernel the worker then reports: the page foresaw
// the kernel before its worker started. On Go's kernels (?kernel=go) the
// same offer is estimated slower by the speeds' ratio.
func checkEstimate(t *testing.T, p *page, digits int) {
	t.Helper()
	specs, _ := nn.MNISTArch("cnn", nil)
	net, err := nn.New(nn.MNIST, specs, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := func(kernel string) float64 {
		b := scene.NewBoundMeasurement(scene.Bound{Models: []string{"cnn-clean"}, Images: digits}, []*measure.Series{nil}, false)
		return b.Estimate(b.Shards(1), []float64{net.Cost().FLOPs}, 1, scene.SpeedOf(kernel))
	}
	p.waitFor(`!!noiseball.kernel`, 60*time.Second)
	kernel, got := eval[string](p, `noiseball.kernel`), eval[float64](p, `noiseball.estimate`)
	if w := want(kernel); kernel != "simd128" || math.Abs(got-w) > 1e-9*w {
		t.Errorf("the page estimated %v s on the %q kernel; want %v s on simd128", got, kernel, w)
	}
	g := newPage(t)
	g.base += "?kernel=go"
	g.open(fmt.Sprintf("#scene=bound&model=cnn-clean&images=%d&sigma=0.5", digits))
	g.waitFor(`!document.getElementById("job-start").hidden && !!noiseball.kernel`, 60*time.Second)
	kernel, got = eval[string](g, `noiseball.kernel`), eval[float64](g, `noiseball.estimate`)
	if w := want("go"); kernel != "go" || math.Abs(got-w) > 1e-9*w || !strings.Contains(g.text("job-text"), scene.About(w)) {
		t.Errorf("with ?kernel=go the page estimated %v s on the %q kernel (%q); want %v s on go", got, kernel, g.text("job-text"), w)
	}
	g.close()
}

// TestWorkerTimings times the two heavy cnn jobs on 1, 2 and all
// workers (?workers=N; "all" is one per spare core) with the frame rate
// meanwhile: a 64×64 slice and Figs. 4 and 2 on N digits. It takes
// minutes, so it runs only with NOISEBALL_TIMING=N (e.g. 100).
func TestWorkerTimings(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("NOISEBALL_TIMING"))
	if n <= 0 {
		t.Skip("set NOISEBALL_TIMING=100 to time the cnn jobs on 100 digits")
	}
	for _, workers := range []string{"1", "2", ""} {
		p := newPageSized(t, 640, 480)
		if workers != "" {
			p.base += "?workers=" + workers
		}
		cores := eval[int](p, `navigator.hardwareConcurrency`)
		for _, job := range []struct{ name, hash string }{
			{"64x64 slice of digit 0", "#scene=slice&model=cnn-clean&image=0&sigma=0.31"},
			{fmt.Sprintf("Figs. 4 and 2 on %d digits", n), fmt.Sprintf("#scene=bound&model=cnn-clean&images=%d&sigma=0.31", n)},
		} {
			p.open(job.hash)
			fr := watchFrames(p, 3600_000, true)
			// A long job waits to be asked for, perhaps after a download:
			// Measure is pressed whenever it is offered.
			p.waitFor(`(() => { const s = document.getElementById("job-start"); if (!s.hidden) s.click();
				return document.getElementById("figure").hasAttribute("data-measured") })()`, time.Hour)
			ms := eval[string](p, `document.getElementById("figure").getAttribute("data-measured")`)
			note(t, "cnn-clean %s, workers=%q (%d cores): %s ms, %.1f fps meanwhile (largest gap %.0f ms)",
				job.name, workers, cores, ms, fr.FPS, fr.MaxGap)
		}
		p.close() // an idle browser left open would take CPU from the next
	}
}
