package jobs

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"noiseball/wasm/scene"
	"noiseball/wasm/state"
)

func isoParams(t *testing.T, samples int) []byte {
	c := scene.NewIso(state.Defaults(scene.Find(scene.IsoperimetryID)))
	c.Samples = samples
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestMeasureSameBytesHoweverStepped: a job run in small slices (the
// page without workers) gives the bytes of one run to the end (a worker).
func TestMeasureSameBytesHoweverStepped(t *testing.T) {
	p := isoParams(t, 50000)
	a, _ := New(IsoMeasure, p)
	for !RunFor(a, time.Hour) {
	}
	b, _ := New(IsoMeasure, p)
	steps := 0
	for !RunFor(b, 0) {
		steps++
		if d, n := b.Progress(); d >= n {
			t.Fatal("progress reached the total before the job finished")
		}
	}
	ra, err := a.Result()
	if err != nil {
		t.Fatal(err)
	}
	rb, _ := b.Result()
	if steps < 5 || !bytes.Equal(ra, rb) {
		t.Errorf("%d steps; results equal: %v", steps, bytes.Equal(ra, rb))
	}
	var res scene.IsoResult
	if err := json.Unmarshal(ra, &res); err != nil || res.Samples != 50000 || res.Mu <= 0 {
		t.Errorf("result %+v, %v", res.Samples, err)
	}
}

func TestMatchJob(t *testing.T) {
	c := scene.NewIso(state.Defaults(scene.Find(scene.IsoperimetryID)))
	c.Shape = "halfplane"
	p, _ := json.Marshal(MatchParams{Iso: c, Target: 0.01})
	j, err := New(IsoMatch, p)
	if err != nil {
		t.Fatal(err)
	}
	if d, n := j.Progress(); d != 0 || n != 1 {
		t.Errorf("progress before %d/%d", d, n)
	}
	RunFor(j, 0)
	b, err := j.Result()
	var r MatchResult
	if err != nil || json.Unmarshal(b, &r) != nil || r.Param != "dist" || r.Value < 2.2 || r.Value > 2.45 {
		t.Errorf("match: %s, %v; want dist near 2.326", b, err)
	}
}

func TestNewRejectsBadParameters(t *testing.T) {
	for _, c := range []struct{ kind, params string }{
		{"nope", "{}"},
		{IsoMeasure, "{"},
		{IsoMeasure, `{"shape":"disk","sigma":0,"samples":10}`},
		{IsoMeasure, `{"shape":"cube","sigma":1,"samples":10000}`},
		{IsoMeasure, `{"shape":"disk","sigma":1,"samples":1e12}`},
		{IsoMeasure, `{"shape":"paint","sigma":1,"samples":10,"paint":"!"}`},
		{IsoMatch, `{"iso":{"shape":"disk","sigma":1},"target":2}`},
	} {
		if _, err := New(c.kind, []byte(c.params)); err == nil {
			t.Errorf("New(%s, %s) accepted", c.kind, c.params)
		}
	}
}

// FuzzNew: no parameters crash job construction.
func FuzzNew(f *testing.F) {
	f.Add(IsoMeasure, `{"shape":"disk","sigma":1,"r":1,"half":30,"width":0.3,"samples":1000,"seed":1}`)
	f.Add(IsoMatch, `{"iso":{"shape":"wedge","sigma":1,"r":1,"half":30,"width":0.3,"samples":1000,"seed":1},"target":0.1}`)
	f.Fuzz(func(t *testing.T, kind, params string) {
		j, err := New(kind, []byte(params))
		if err != nil {
			return
		}
		RunFor(j, 10*time.Millisecond)
	})
}
