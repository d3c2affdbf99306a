//go:build !js

package browsertest

import (
	"encoding/json"
	"math"
	"testing"

	"noiseball/core/playground"
	"noiseball/core/region"
	"noiseball/core/step"
	"noiseball/wasm/scene"
)

// TestPlaygroundScene: the page trains the playground's network live
// (its title counts the passes), then reads the point: its exported
// numbers equal the core run of the same settings computed here, bit
// for bit; a click on the plane moves the point and reads again without
// training again; Gaussian augmentation trains and reads too.
func TestPlaygroundScene(t *testing.T) {
	p := newPage(t)
	const link = "#scene=playground&data=circles&epochs=30&x=0.6&y=0.2&sigma=0.25"
	p.open(link)
	p.measured()
	read := func() map[string]any {
		dir := t.TempDir()
		p.allowDownloads(dir)
		p.click("a-json")
		var got map[string]any
		if err := json.Unmarshal(waitExport(t, dir, "noiseball-playground", ".json"), &got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	got := read()
	ref, err := playground.New(playground.Config{Data: "circles", Hidden: []int{16, 16}, Recipe: playground.Recipe("clean", 30, 0.3, 0.3, 1)})
	if err != nil {
		t.Fatal(err)
	}
	step.Run(ref)
	want := ref.Read(ref.Regions(scene.ReadingGrid), region.Point{X: 0.6, Y: 0.2}, 0.25, scene.PlaygroundSamples, 1)
	for k, v := range map[string]float64{"mu": want.Mu, "mu_sampled": want.MuSampled, "nearest_error": want.Nearest, "median_noisy_distance": want.Median, "bound": want.Bound} {
		if g, ok := got[k].(float64); !ok || g != v {
			t.Errorf("%s: the page exported %v, the core run of the same settings gives %v", k, got[k], v)
		}
	}
	if got["class"] != float64(want.Class) {
		t.Errorf("class %v, want %d", got["class"], want.Class)
	}
	// A click at the plane's centre moves x there; the network stays.
	plane := p.largestFrame()
	x, y, _, _ := p.figureBox()
	p.clearMeasured()
	p.drag([][2]float64{{x + plane.X + plane.W/2, y + plane.Y + plane.H/2}})
	p.measured()
	if px, py := hashParam(p, "x"), hashParam(p, "y"); px == "0.6" && py == "0.2" {
		t.Errorf("a click on the plane left x at (%s, %s)", px, py)
	}
	if got := eval[string](p, `document.getElementById("numbers").textContent`); len(got) < 100 {
		t.Errorf("after the click the numbers read %q", got)
	}
	// Gaussian augmentation: trains, then reads.
	p.clearMeasured()
	p.open("#scene=playground&data=moons&train=gauss&tsigma=0.2&epochs=20")
	p.measured()
	g := read()
	if m, ok := g["mu"].(float64); !ok || math.IsNaN(m) || g["train"] != "gauss" {
		t.Errorf("after Gaussian augmentation: %v", g)
	}
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
