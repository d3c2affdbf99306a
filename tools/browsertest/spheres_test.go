//go:build !js

package browsertest

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestSpheresScene: the page trains a network on the spheres in a
// worker, slices it and measures it; the error rate and the mean
// distance it exports are what `noiseball spheres` prints for the same
// settings and seed; a run estimated over 20 s waits for Measure.
func TestSpheresScene(t *testing.T) {
	p := newPage(t)
	p.open("#scene=spheres&n=20&width=64")
	p.measured()
	dir := t.TempDir()
	p.allowDownloads(dir)
	p.click("a-json")
	var got struct {
		Mu    float64 `json:"mu"`
		Mean  float64 `json:"mean_distance"`
		Bound float64 `json:"bound"`
		Slice []uint8 `json:"slice"`
		Phase string  `json:"phase"`
	}
	if err := json.Unmarshal(waitExport(t, dir, "noiseball-spheres", ".json"), &got); err != nil {
		t.Fatal(err)
	}
	if got.Phase != "done" || len(got.Slice) != 64*64 || !(got.Bound > 0) {
		t.Fatalf("export: phase %q, %d slice cells, bound %v", got.Phase, len(got.Slice), got.Bound)
	}
	out, err := exec.Command(noiseballBin, "spheres", "-n", "20", "-hidden", "64,64", "-train", "20000", "-epochs", "2", "-seed", "1").Output()
	if err != nil {
		t.Fatalf("noiseball spheres: %v", err)
	}
	for _, want := range []string{fmt.Sprintf("mu = %.4g (95%%", got.Mu), fmt.Sprintf("found): %.4g (95%%", got.Mean)} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the page exported μ %v and mean %v; noiseball spheres printed\n%s", got.Mu, got.Mean, out)
		}
	}
	// A big run is offered, not started.
	p.open("#scene=spheres&n=1000&width=256&train=200000&epochs=5")
	p.waitFor(`!document.getElementById("job-start").hidden`, 30*time.Second)
	if txt := p.text("job-text"); !strings.Contains(txt, "would take about") {
		t.Errorf("the offer reads %q", txt)
	}
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
