//go:build !js

package browsertest

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// benchRun is one workload set on one engine, as bench.js reports it.
type benchRun struct {
	Kernel      string  `json:"kernel,omitempty"`
	InferExS    float64 `json:"infer_ex_s"`
	TrainExS    float64 `json:"train_ex_s"`
	PGDS        float64 `json:"pgd_s"`
	Accuracy    float64 `json:"accuracy"`
	PGDAccuracy float64 `json:"pgd_accuracy"`
	FirstMS     float64 `json:"first_ms"` // cold start: a fresh worker's creation to its first prediction
}

// benchResult is window.benchResult of tools/benchbrowser/page/bench.js.
type benchResult struct {
	Error  string         `json:"error"`
	Env    map[string]any `json:"env"`
	Rounds []struct {
		Go      benchRun `json:"go"`
		GoPlain benchRun `json:"go_plain"`
		TFJS    benchRun `json:"tfjs"`
	} `json:"rounds"`
}

// TestBenchBrowser is 'make bench-browser': Noise Ball's engine against
// TensorFlow.js's wasm-SIMD backend (one thread) on the same cnn
// workloads in one headless Chromium session (tools/benchbrowser), then
// the page's heavy scenes on one worker with and without the SIMD
// kernel. It prints a table and writes out/bench-browser.json. It takes
// minutes and asserts nothing about speed, so it runs only with
// NB_BENCH=1 (the Makefile sets it); it needs TensorFlow.js in bin/tfjs
// (make fetches it from npm). NB_BENCH=engine runs the engine's table
// only, NB_BENCH=scenes the scenes' only (no TensorFlow.js needed).
func TestBenchBrowser(t *testing.T) {
	if os.Getenv("NB_BENCH") == "" {
		t.Skip("set NB_BENCH=1 (make bench-browser) to benchmark the engine against TensorFlow.js")
	}
	if os.Getenv("NB_BENCH") == "scenes" { // the scenes only
		scenes, table := benchScenes(t)
		writeBench(t, map[string]any{"scenes": scenes, "scenes_table": table})
		return
	}
	dir := benchDir(t)
	base, stop, err := serve(dir, func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	p := newPageSized(t, 800, 600)
	p.do(60*time.Second, chromedp.Navigate(base+"bench.html?rounds=3"))
	p.do(40*time.Minute, chromedp.Poll[chromedp.Void](`window.benchResult !== undefined`, chromedp.WithPollingTimeout(40*time.Minute), chromedp.WithPollingInterval(time.Second)))
	var res benchResult
	if err := json.Unmarshal([]byte(eval[string](p, `JSON.stringify(window.benchResult)`)), &res); err != nil {
		t.Fatal(err)
	}
	if res.Error != "" {
		t.Fatalf("the benchmark page failed: %s", res.Error)
	}
	if len(res.Rounds) == 0 {
		t.Fatal("the benchmark page measured nothing")
	}

	// Medians over the rounds; ratios are Go's speed over TF.js's.
	med := func(f func(i int) float64) float64 {
		v := make([]float64, len(res.Rounds))
		for i := range v {
			v[i] = f(i)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	// FLOPs of the cnn's products (convolutions and the dense layer,
	// multiply and add counted): forward 2·(28²·8·25 + 14²·16·25·8 +
	// 784·10) per digit; training adds the weight gradients and every
	// input gradient but the first layer's; a PGD step is a forward and
	// an input gradient, 20 steps and the final prediction.
	const fwd = 2 * (28*28*8*25 + 14*14*16*25*8 + 784*10)
	const trainFLOP, pgdFLOP = 3*fwd - 2*28*28*8*25, 100 * (20*2*fwd + fwd)
	type row struct {
		name             string
		goV, plain, tfjs float64
		unit             string
		flop             float64 // per unit of goV: per example, or per run for seconds
	}
	rows := []row{
		{name: "infer (batch 256)", unit: "ex/s", flop: fwd,
			goV: med(func(i int) float64 { return res.Rounds[i].Go.InferExS }), plain: med(func(i int) float64 { return res.Rounds[i].GoPlain.InferExS }),
			tfjs: med(func(i int) float64 { return res.Rounds[i].TFJS.InferExS })},
		{name: "train (SGD, batch 64)", unit: "ex/s", flop: trainFLOP,
			goV: med(func(i int) float64 { return res.Rounds[i].Go.TrainExS }), plain: med(func(i int) float64 { return res.Rounds[i].GoPlain.TrainExS }),
			tfjs: med(func(i int) float64 { return res.Rounds[i].TFJS.TrainExS })},
		{name: "PGD (20-step L2, 100 digits)", unit: "s", flop: pgdFLOP,
			goV: med(func(i int) float64 { return res.Rounds[i].Go.PGDS }), plain: med(func(i int) float64 { return res.Rounds[i].GoPlain.PGDS }),
			tfjs: med(func(i int) float64 { return res.Rounds[i].TFJS.PGDS })},
		{name: "cold start (new worker to first prediction)", unit: "ms",
			goV: med(func(i int) float64 { return res.Rounds[i].Go.FirstMS }), plain: med(func(i int) float64 { return res.Rounds[i].GoPlain.FirstMS }),
			tfjs: med(func(i int) float64 { return res.Rounds[i].TFJS.FirstMS })},
	}
	// GFLOP/s, and its share of 16 FLOP a cycle (two f32x4 multiplies and
	// two adds a cycle; f64x2, the engine's lanes, has half that).
	gflops := func(r row, v float64) float64 {
		if r.unit == "s" {
			return r.flop / v / 1e9
		}
		return r.flop * v / 1e9
	}
	ghz := cpuGHz()
	var b strings.Builder
	fmt.Fprintf(&b, "Engine against TensorFlow.js %v (wasm, SIMD %v, threads %v), one worker / one thread, medians of %d rounds, %s\n",
		res.Env["tfjs"], res.Env["simd"], res.Env["threads"], len(res.Rounds), cpuModel())
	fmt.Fprintf(&b, "| workload | Go engine, SIMD kernel | Go engine, Go kernels | TF.js wasm-SIMD | engine / TF.js | GFLOP/s engine, TF.js (share of 16 FLOP/cycle at %.2f GHz) |\n|---|---|---|---|---|---|\n", ghz)
	for _, r := range rows {
		ratio := r.goV / r.tfjs
		format := "%.0f"
		switch r.unit {
		case "s":
			ratio, format = r.tfjs/r.goV, "%.2f"
		case "ms":
			ratio = r.tfjs / r.goV
		}
		speed := "—" // no arithmetic to count in a start
		if r.flop > 0 {
			ge, gt := gflops(r, r.goV), gflops(r, r.tfjs)
			speed = fmt.Sprintf("%.1f (%.0f%%), %.1f (%.0f%%)", ge, 100*ge/(16*ghz), gt, 100*gt/(16*ghz))
		}
		fmt.Fprintf(&b, "| %s | "+format+" %s | "+format+" %s | "+format+" %s | %.2f× | %s |\n",
			r.name, r.goV, r.unit, r.plain, r.unit, r.tfjs, r.unit, ratio, speed)
	}
	r0 := res.Rounds[0]
	fmt.Fprintf(&b, "accuracy on the digits: engine %.3f, TF.js %.3f; after PGD: engine %.2f, TF.js %.2f\n",
		r0.Go.Accuracy, r0.TFJS.Accuracy, r0.Go.PGDAccuracy, r0.TFJS.PGDAccuracy)
	t.Log("\n" + b.String())
	if r0.Go.Kernel != "simd128" || r0.GoPlain.Kernel != "go" {
		t.Errorf("the engine ran on kernels %q and %q, want simd128 and go", r0.Go.Kernel, r0.GoPlain.Kernel)
	}

	var scenes map[string][]float64
	var scenesTable string
	if os.Getenv("NB_BENCH") != "engine" { // NB_BENCH=engine: the table only
		scenes, scenesTable = benchScenes(t)
	}
	writeBench(t, map[string]any{"engine": res, "table": b.String(), "scenes": scenes, "scenes_table": scenesTable})
}

// writeBench writes the benchmark's results to out/bench-browser.json.
func writeBench(t *testing.T, res map[string]any) {
	out, _ := json.MarshalIndent(res, "", "  ")
	if err := os.WriteFile(filepath.Join(root, "out", "bench-browser.json"), out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// benchScenes times the page's heavy scenes on one worker with the
// SIMD kernel, on one with Go's kernels (?kernel=go) and on two with the
// SIMD kernel, alternating, twice: a cnn slice (search, 500 noisy
// copies, 64×64 grid), the bound scene on 10 cnn digits (σ = 0.31, so
// nothing shipped is shown), one epoch of clean cnn training on 10,000
// digits (from Train to the saved model, with the download of the
// digits and the evaluations), cnn-clean measured in the compare scene
// and the spheres scene's default run. It logs a table of every run's
// seconds (two are too few for a median on a shared machine) with the
// page's estimate beside them (scene.Speeds is calibrated from it), and
// returns them by "scene/kernel/workers" (estimates under "…/estimate").
func benchScenes(t *testing.T) (map[string][]float64, string) {
	times := map[string][]float64{}
	estimates := map[string]float64{}
	configs := []struct{ kernel, workers string }{{"simd128", "1"}, {"go", "1"}, {"simd128", "2"}}
	jobs := []struct{ name, hash, button string }{
		{"slice", "#scene=slice&model=cnn-clean&image=0&sigma=0.31&seed=1", ""},
		{"bound-10", "#scene=bound&model=cnn-clean&compare=none&sigma=0.31&images=10", ""},
		{"train-10k", "#scene=train&arch=cnn&method=clean&epochs=1&size=10000&batch=32&seed=1", "a-train"},
		{"compare", "#scene=compare&m1=cnn-clean&m2=none&m3=none&source=here", ""},
		{"spheres", "#scene=spheres", ""},
	}
	key := func(job string, c struct{ kernel, workers string }) string {
		return job + "/" + c.kernel + "/" + c.workers
	}
	for range 2 {
		for _, c := range configs {
			for _, job := range jobs {
				p := newPageSized(t, 800, 600)
				p.base = baseURL + "?workers=" + c.workers
				if c.kernel == "go" {
					p.base += "&kernel=go"
				}
				p.open(job.hash)
				start := time.Now()
				if job.button == "a-train" {
					// The idle scene says it is measured: wait for the run
					// to show before waiting for the figure.
					p.click(job.button)
					p.waitFor(`document.getElementById("job-text").textContent.startsWith("Training")`, 5*time.Minute)
				}
				// A long job waits to be asked for, perhaps after a
				// download: Measure is pressed whenever it is offered.
				p.waitFor(`(() => { const s = document.getElementById("job-start"); if (!s.hidden) s.click();
					return document.getElementById("figure").hasAttribute("data-measured") })()`, 30*time.Minute)
				s := time.Since(start).Seconds()
				times[key(job.name, c)] = append(times[key(job.name, c)], s)
				est := eval[float64](p, `noiseball.estimate || 0`)
				estimates[key(job.name, c)] = est
				t.Logf("%s on %s worker(s) (%s kernel): %.1f s, estimated %.1f s", job.name, c.workers, eval[string](p, `noiseball.kernel || ""`), s, est)
				p.close() // an idle browser left open would take CPU from the next
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "The page's scenes, seconds from the click to the figure, each run in order, %s\n", cpuModel())
	fmt.Fprintf(&b, "| scene | 1 worker, SIMD kernel | 1 worker, Go kernels | 2 workers, SIMD kernel |\n|---|---|---|---|\n")
	for _, job := range jobs {
		cell := func(c struct{ kernel, workers string }) string {
			var v []string
			for _, s := range times[key(job.name, c)] {
				v = append(v, fmt.Sprintf("%.1f", s))
			}
			if e := estimates[key(job.name, c)]; e > 0 {
				return strings.Join(v, ", ") + fmt.Sprintf(" s (estimated %.0f)", e)
			}
			return strings.Join(v, ", ") + " s"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", job.name, cell(configs[0]), cell(configs[1]), cell(configs[2]))
	}
	t.Log("\n" + b.String())
	for k, e := range estimates {
		times[k+"/estimate"] = []float64{e}
	}
	return times, b.String()
}

// benchDir assembles the benchmark's folder: the worker bootstrap, the
// runtime and the SIMD kernel from site/, the engine program (built
// here), the digits and weights, TensorFlow.js from bin/tfjs and the page.
func benchDir(t *testing.T) string {
	dir := t.TempDir()
	site := filepath.Join(root, "site")
	for _, f := range []string{"worker.js", "wasm_exec.js", "simd.js", "simd.wasm",
		"assets/data/mnist-test1k-images.idx", "assets/data/mnist-test1k-labels.idx", "assets/models/cnn-clean.safetensors"} {
		copyFile(t, filepath.Join(site, f), filepath.Join(dir, f))
	}
	for _, f := range []string{"bench.html", "bench.js", "tfjs-model.js", "tfjs-worker.js"} {
		copyFile(t, filepath.Join(root, "tools", "benchbrowser", "page", f), filepath.Join(dir, f))
	}
	tfjs := filepath.Join(root, "bin", "tfjs", "node_modules", "@tensorflow")
	for _, f := range []string{"tfjs/dist/tf.min.js", "tfjs-backend-wasm/dist/tf-backend-wasm.min.js",
		"tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm", "tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm",
		"tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm"} {
		if _, err := os.Stat(filepath.Join(tfjs, f)); err != nil {
			t.Fatalf("TensorFlow.js is not in bin/tfjs: run 'make bench-browser', which installs it from npm (%v)", err)
		}
		copyFile(t, filepath.Join(tfjs, f), filepath.Join(dir, "tfjs", filepath.Base(f)))
	}
	build := exec.Command("go", "build", "-tags", "simd128", "-o", filepath.Join(dir, "engine.wasm"), "./tools/benchbrowser/engine")
	build.Dir = root
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the engine program: %v\n%s", err, out)
	}
	return dir
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	os.MkdirAll(filepath.Dir(to), 0o755)
	dst, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

// cpuGHz is the processor's clock as Linux reports it (the first core's
// "cpu MHz"), or 1 where it does not.
func cpuGHz() float64 {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "cpu MHz"); ok {
			var mhz float64
			if _, err := fmt.Sscan(strings.TrimPrefix(strings.TrimSpace(v), ":"), &mhz); err == nil && mhz > 0 {
				return mhz / 1000
			}
		}
	}
	return 1
}

// cpuModel names the machine's processor, for the table's heading.
func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(b), "\n") {
		if name, ok := strings.CutPrefix(line, "model name"); ok {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":")) + fmt.Sprintf(", %d cores", runtime.NumCPU())
		}
	}
	return runtime.GOARCH
}
