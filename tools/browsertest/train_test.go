//go:build !js

package browsertest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"noiseball/core/nn"
)

// storedModel reads the visitor's model name from the page's IndexedDB
// and returns its weights file, or nil.
func (p *page) storedModel(name string) []byte {
	p.t.Helper()
	js := `new Promise(res => { const r = indexedDB.open("noiseball"); r.onerror = () => res("");
		r.onsuccess = () => { const g = r.result.transaction("models").objectStore("models").get(` + jsString(name) + `);
			g.onsuccess = () => { const w = g.result && g.result.weights; if (!w) { res(""); return }
				let s = ""; for (let i = 0; i < w.length; i += 8192) s += String.fromCharCode(...w.subarray(i, i + 8192)); res(btoa(s)) } } })`
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("reading IndexedDB: %v", err)
	}
	b, _ := base64.StdEncoding.DecodeString(v)
	return b
}

func jsString(s string) string { b, _ := json.Marshal(s); return string(b) }

// TestTrainScene: the page trains a model in a worker; its weights are
// the ones `noiseball train` writes when given the command the file
// carries, bit for bit, with the same measurements; the model downloads,
// is kept in the browser, and after a reload is the visitor's model of
// the other scenes under its name.
func TestTrainScene(t *testing.T) {
	p := newPage(t)
	const link = "#scene=train&arch=linear&method=gauss&sigma=0.3&size=2000&epochs=2&seed=2"
	p.open(link)
	if got := eval[string](p, `document.getElementById("p-name").value`); got != "my-linear-gauss0.3" {
		t.Errorf("proposed name %q", got)
	}
	p.setControl("p-name", "visitor-linear")
	p.frames(2)
	// Pause is pressed the moment Train enables it, in the frame that
	// took Train and before the next frame can hand the run to a worker:
	// the run starts paused, and a short run cannot race the test to its
	// end. Paused, it holds still while another scene's job runs on the
	// worker; resumed, it ends as if never paused (the CLI's weights).
	eval[bool](p, `(() => { const b = document.getElementById("a-pause");
		const o = new MutationObserver(() => { if (!b.disabled) { o.disconnect(); b.click() } });
		o.observe(b, {attributes: true, attributeFilter: ["disabled"]});
		document.getElementById("a-train").click(); return true })()`)
	p.waitFor(`document.getElementById("a-pause").textContent === "Resume"`, 30*time.Second)
	p.open("#scene=slice&model=linear-clean&image=3")
	p.measured()
	p.open(link)
	held := eval[float64](p, `document.getElementById("job-progress").value`)
	p.frames(30)
	if now := eval[float64](p, `document.getElementById("job-progress").value`); now != held || !strings.Contains(p.text("job-text"), "paused") {
		t.Errorf("paused at %v, now at %v: %q", held, now, p.text("job-text"))
	}
	p.click("a-pause")
	p.waitFor(`document.getElementById("figure").hasAttribute("data-measured") && noiseball.modelsKept === "visitor-linear"`, 180*time.Second)
	file := p.storedModel("visitor-linear")
	net, meta, err := nn.Load(bytes.NewReader(file))
	if err != nil {
		t.Fatalf("the stored model: %v", err)
	}
	if !strings.Contains(p.text("numbers"), "clean test accuracy") {
		t.Errorf("numbers %q", p.text("numbers"))
	}

	// The command line the file carries, run here.
	args := strings.Fields(strings.TrimPrefix(meta["command"], "go run ./tools/noiseball "))
	if len(args) < 3 || args[0] != "train" || args[len(args)-2] != "-out" {
		t.Fatalf("command %q", meta["command"])
	}
	out := filepath.Join(t.TempDir(), "cli.safetensors")
	args[len(args)-1] = out
	cmd := exec.Command(noiseballBin, append(args, "-data", filepath.Join(root, "site", "assets", "data"))...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", meta["command"], err, msg)
	}
	cliFile, _ := os.ReadFile(out)
	cliNet, cliMeta, err := nn.Load(bytes.NewReader(cliFile))
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range net.Params() {
		if !slices.Equal(w.W, cliNet.Params()[i].W) {
			t.Fatalf("parameter %d: the page's weights differ from noiseball train's", i)
		}
	}
	for _, k := range []string{"recipe", "format", "name"} {
		if meta[k] != cliMeta[k] {
			t.Errorf("metadata %s: page %s, CLI %s", k, meta[k], cliMeta[k])
		}
	}
	// The measurements agree exactly but for cross-entropy losses, which
	// may differ in the last bit: math.Log is assembly on amd64 and Go
	// in wasm.
	type evals struct {
		Sigmas []float64
		Images int
		Epochs []struct {
			Epoch    int
			Loss     float64
			Accuracy float64
			Noise    []float64 `json:"noise_accuracy"`
		}
	}
	var pe, ce evals
	var pm, cm map[string]float64
	for _, d := range []struct {
		src string
		dst any
	}{{meta["evaluations"], &pe}, {cliMeta["evaluations"], &ce}, {meta["metrics"], &pm}, {cliMeta["metrics"], &cm}} {
		if err := json.Unmarshal([]byte(d.src), d.dst); err != nil {
			t.Fatalf("metadata %s: %v", d.src, err)
		}
	}
	close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Abs(b) }
	if len(pe.Epochs) != 2 || len(ce.Epochs) != 2 || pe.Images != ce.Images || !slices.Equal(pe.Sigmas, ce.Sigmas) {
		t.Fatalf("evaluations: page %s, CLI %s", meta["evaluations"], cliMeta["evaluations"])
	}
	for i, e := range pe.Epochs {
		c := ce.Epochs[i]
		if e.Epoch != c.Epoch || e.Accuracy != c.Accuracy || !slices.Equal(e.Noise, c.Noise) || !close(e.Loss, c.Loss) {
			t.Errorf("epoch %d: page %+v, CLI %+v", i+1, e, c)
		}
	}
	if pm["test_accuracy"] != cm["test_accuracy"] || pm["train_examples"] != cm["train_examples"] || !close(pm["test_loss"], cm["test_loss"]) {
		t.Errorf("metrics: page %v, CLI %v", pm, cm)
	}

	// The download is the stored file.
	dir := t.TempDir()
	p.allowDownloads(dir)
	p.click("a-download")
	if got := waitExport(t, dir, "visitor-linear", ".safetensors"); !bytes.Equal(got, file) {
		t.Errorf("the download (%d bytes) differs from the stored model (%d)", len(got), len(file))
	}
	// noiseball predict reads the downloaded file.
	predict := exec.Command(noiseballBin, "predict", "-model", filepath.Join(dir, "visitor-linear.safetensors"), "-first", "0", "-n", "2")
	predict.Dir = root
	var pred struct{ Logits [][]float64 }
	if out, err := predict.Output(); err != nil || json.Unmarshal(out, &pred) != nil || len(pred.Logits) != 2 || len(pred.Logits[0]) != 10 {
		t.Errorf("noiseball predict on the download: %v, %s", err, out)
	}

	// After a reload the model is the visitor's in the other scenes.
	p.reopen("#scene=slice&model=file&image=0")
	p.waitFor(`noiseball.userModel === "visitor-linear"`, 30*time.Second)
	if got := eval[string](p, `document.querySelector('#p-model option[value="file"]').textContent`); got != "yours: visitor-linear" {
		t.Errorf("the model list says %q", got)
	}
	p.measured()
	// And it joins the comparison, measured here.
	p.open("#scene=compare&m1=file&m2=cnn-gauss0.4&m3=none")
	p.waitFor(`document.getElementById("figure").hasAttribute("data-measured") && document.getElementById("numbers").textContent.includes("visitor-linear:")`, 120*time.Second)

	// A second model: both are kept; Use makes the first the visitor's
	// again, Delete forgets the second.
	p.open("#scene=train&arch=linear&method=clean&size=1000&epochs=1")
	p.waitFor(`document.querySelectorAll("#your-models-list li").length === 1 && document.getElementById("your-models-list").textContent.includes("visitor-linear")`, 30*time.Second)
	p.setControl("p-name", "second")
	p.frames(2)
	p.click("a-train")
	p.waitFor(`noiseball.modelsKept === "second" && noiseball.userModel === "second" && document.querySelectorAll("#your-models-list li").length === 2`, 180*time.Second)
	eval[bool](p, `(document.querySelector('#your-models-list button[aria-label="Use visitor-linear in every scene"]').click(), true)`)
	p.waitFor(`noiseball.userModel === "visitor-linear"`, 30*time.Second)
	eval[bool](p, `(document.querySelector('#your-models-list button[aria-label="Delete second from this browser"]').click(), true)`)
	p.waitFor(`document.querySelectorAll("#your-models-list li").length === 1`, 30*time.Second)
	if len(p.storedModel("second")) != 0 || !bytes.Equal(p.storedModel("visitor-linear"), file) {
		t.Error("after Delete: the second model is still stored, or the first changed")
	}
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// TestTrainAcrossWorkers: with two workers, one trains and the other
// computes half of every mini-batch's gradient; the weights are the ones
// `noiseball train` writes, bit for bit, as with one worker.
func TestTrainAcrossWorkers(t *testing.T) {
	p := newPage(t)
	p.base = baseURL + "?workers=2"
	p.open("#scene=train&arch=cnn&method=gauss&sigma=0.3&size=1000&epochs=1&seed=5")
	p.setControl("p-name", "sharded")
	p.frames(2)
	p.click("a-train")
	p.waitFor(`noiseball.modelsKept === "sharded"`, 300*time.Second)
	dir := t.TempDir()
	p.allowDownloads(dir)
	p.click("a-json")
	var exp struct {
		Helped int `json:"shards_computed_by_another_worker"`
	}
	if err := json.Unmarshal(waitExport(t, dir, "noiseball-train", ".json"), &exp); err != nil || exp.Helped != 31 {
		t.Errorf("%d of the 31 steps' second shards computed by the other worker (%v)", exp.Helped, err)
	}
	net, meta, err := nn.Load(bytes.NewReader(p.storedModel("sharded")))
	if err != nil {
		t.Fatal(err)
	}
	args := strings.Fields(strings.TrimPrefix(meta["command"], "go run ./tools/noiseball "))
	out := filepath.Join(t.TempDir(), "cli.safetensors")
	args[len(args)-1] = out
	cmd := exec.Command(noiseballBin, args...)
	cmd.Dir = root
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", meta["command"], err, msg)
	}
	b, _ := os.ReadFile(out)
	cli, _, err := nn.Load(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range net.Params() {
		if !slices.Equal(w.W, cli.Params()[i].W) {
			t.Fatalf("parameter %s: trained on two workers, the weights differ from noiseball train's", w.Name)
		}
	}
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
