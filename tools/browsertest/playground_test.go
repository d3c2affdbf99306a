//go:build !js

package browsertest

import (
	"encoding/json"
	"math"
	"os/exec"
	"reflect"
	"testing"
)

// TestPlaygroundScene: the page trains the playground's network live,
// then reads the point: its JSON export equals what `noiseball
// playground` prints for the same settings, every number to the last
// bit; a click on the plane moves the point and reads again; Gaussian
// augmentation trains and reads too.
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
	// The CLI, run with the same settings, prints the same record.
	out, err := exec.Command(noiseballBin, "playground", "-data", "circles", "-epochs", "30", "-x", "0.6", "-y", "0.2", "-sigma", "0.25").Output()
	if err != nil {
		t.Fatalf("noiseball playground: %v", err)
	}
	var cli map[string]any
	if err := json.Unmarshal(out, &cli); err != nil {
		t.Fatalf("noiseball playground printed %s: %v", out, err)
	}
	delete(got, "scene")
	if len(cli) < 15 || !reflect.DeepEqual(got, cli) {
		t.Errorf("the page exported\n%v\nand noiseball playground printed\n%v", got, cli)
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
