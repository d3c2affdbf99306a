package scene

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"noiseball/core/playground"
	"noiseball/core/step"
	"noiseball/wasm/state"
)

// TestPlayground: the scene trains in steps to the same network as the
// core run of its settings, reads the point once trained, reads again
// (without training) when the point moves, and exports its reading.
func TestPlayground(t *testing.T) {
	sc := Find(PlaygroundID)
	s, problems := state.Parse("#scene=playground&epochs=10&x=0.5&y=0.2", Scenes)
	if len(problems) > 0 {
		t.Fatal(state.Sentence(problems))
	}
	var g Playground
	g.Apply(s)
	if g.Reading != nil || !strings.HasPrefix(g.Summary(), "Training on moons: pass 1 of 10") {
		t.Fatalf("before training: %q", g.Summary())
	}
	frames := 0
	for g.Advance(7) {
		frames++
	}
	if frames != 29 || g.Reading == nil { // 10 passes of 20 steps, 7 a frame
		t.Fatalf("%d frames of training, reading %v", frames, g.Reading)
	}
	ref, err := playground.New(g.Config)
	if err != nil {
		t.Fatal(err)
	}
	step.Run(ref)
	want := ref.Read(ref.Regions(playground.ReadGrid), g.P, g.Sigma, playground.ReadSamples, g.Config.Recipe.Seed)
	if *g.Reading != want {
		t.Errorf("the scene read %+v; the core run of its settings %+v", *g.Reading, want)
	}
	run := g.Run
	s.SetFloat(sc, "x", -0.5)
	g.Apply(s)
	if g.Run != run || g.Reading == nil || g.P.X != -0.5 {
		t.Errorf("moving the point trained again or did not read")
	}
	var b bytes.Buffer
	if err := g.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil || got["scene"] != "playground" || got["x"] != -0.5 || got["grid_cells_a_side"] != float64(playground.ReadGrid) {
		t.Errorf("JSON export %s (%v)", b.String(), err)
	}
	b.Reset()
	if err := g.WriteCSV(&b); err != nil || strings.Count(b.String(), "\n") != playground.ReadGrid*playground.ReadGrid+1 {
		t.Errorf("CSV export of %d lines (%v)", strings.Count(b.String(), "\n"), err)
	}
}
