package state

import (
	"strings"
	"testing"
)

var testScenes = []Scene{
	{ID: "a", Params: []Param{
		{Name: "n", Kind: Integer, Min: 1, Max: 1e6, Default: "784"},
		{Name: "sigma", Kind: Number, Min: 0.05, Max: 2, Step: 0.01, Default: "0.3"},
		{Name: "shape", Kind: Choice, Choices: []string{"disk", "wedge"}, Default: "disk"},
		{Name: "paint", Kind: Bits, Bits: 20, Default: ""},
	}},
	{ID: "b", Params: []Param{{Name: "seed", Kind: Integer, Min: 1, Max: 1e9, Default: "1"}}},
}

func TestParseValidAndDefaults(t *testing.T) {
	s, problems := Parse("#scene=a&n=1000&sigma=0.25&shape=wedge&embed=1", testScenes)
	if len(problems) != 0 || s.Scene != "a" || !s.Embed || s.Values["n"] != "1000" || s.Float("sigma") != 0.25 || s.Values["shape"] != "wedge" {
		t.Fatalf("Parse: %+v, %v", s, problems)
	}
	if got := s.Hash(&testScenes[0]); got != "#scene=a&n=1000&sigma=0.25&shape=wedge&paint=&embed=1" {
		t.Errorf("Hash = %s", got)
	}
	s, problems = Parse("", testScenes)
	if len(problems) != 0 || s.Scene != "a" || s.Values["n"] != "784" {
		t.Errorf("empty hash: %+v, %v", s, problems)
	}
}

// TestParseReportsEveryProblem: each bad value is named once and replaced
// by its default; the sentence says so.
func TestParseReportsEveryProblem(t *testing.T) {
	s, problems := Parse("scene=a&n=0&sigma=abc&shape=cube&paint=%%%&zoom=3&embed=2", testScenes)
	if len(problems) != 6 {
		t.Fatalf("problems %q, want 6", problems)
	}
	want := Defaults(&testScenes[0])
	for k, v := range want.Values {
		if s.Values[k] != v {
			t.Errorf("%s = %q, want the default %q", k, s.Values[k], v)
		}
	}
	sentence := Sentence(problems)
	for _, part := range []string{"n=0 is not a whole number from 1 to 1e+06", "sigma=abc is not a number", "shape=cube is not one of disk, wedge", "zoom is not a parameter", "defaults are used"} {
		if !strings.Contains(sentence, part) {
			t.Errorf("sentence %q lacks %q", sentence, part)
		}
	}
	if _, problems := Parse("scene=zz", testScenes); len(problems) != 1 || !strings.Contains(problems[0], `no scene "zz"`) {
		t.Errorf("unknown scene: %q", problems)
	}
}

func TestSetFloatRoundsAndClamps(t *testing.T) {
	sc := &testScenes[0]
	s := Defaults(sc)
	s.SetFloat(sc, "sigma", 0.1*3)
	if s.Values["sigma"] != "0.3" {
		t.Errorf("sigma %q, want 0.3", s.Values["sigma"])
	}
	s.SetFloat(sc, "sigma", 9)
	if s.Values["sigma"] != "2" {
		t.Errorf("sigma %q, want the maximum 2", s.Values["sigma"])
	}
}

func TestBitsRoundTrip(t *testing.T) {
	bits := make([]bool, 20)
	bits[0], bits[7], bits[19] = true, true, true
	v := EncodeBits(bits)
	got, err := DecodeBits(v, 20)
	if err != nil {
		t.Fatal(err)
	}
	for i := range bits {
		if got[i] != bits[i] {
			t.Fatalf("bit %d: %v", i, got[i])
		}
	}
	if EncodeBits(make([]bool, 20)) != "" {
		t.Error("an empty painting is not written as the empty string")
	}
	if _, err := DecodeBits("AAAAAA", 20); err == nil {
		t.Error("DecodeBits accepted 4 bytes for 20 bits")
	}
}

// FuzzParse: any hash parses without panicking into a state whose values
// are all canonical and which survives its own hash unchanged.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{"", "#scene=a&n=5", "scene=b&seed=7&embed=1", "scene=a&paint=gAAg", "scene=a&sigma=1e-1&n=1e6", "%zz&&=", "scene=a&n=NaN&sigma=Inf"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, hash string) {
		s, _ := Parse(hash, testScenes)
		var sc *Scene
		for i := range testScenes {
			if testScenes[i].ID == s.Scene {
				sc = &testScenes[i]
			}
		}
		if sc == nil {
			t.Fatalf("scene %q", s.Scene)
		}
		for _, p := range sc.Params {
			if c, err := p.Canonical(s.Values[p.Name]); err != nil || c != s.Values[p.Name] {
				t.Fatalf("%s=%q is not canonical (%q, %v)", p.Name, s.Values[p.Name], c, err)
			}
		}
		again, problems := Parse(s.Hash(sc), testScenes)
		if len(problems) != 0 || again.Hash(sc) != s.Hash(sc) {
			t.Fatalf("hash %s does not round-trip: %s, %v", s.Hash(sc), again.Hash(sc), problems)
		}
	})
}

func FuzzDecodeBits(f *testing.F) {
	f.Add("gAAg", 20)
	f.Add("", 5)
	f.Fuzz(func(t *testing.T, v string, n int) {
		n = n&1023 + 1
		bits, err := DecodeBits(v, n)
		if err != nil {
			return
		}
		if again, err := DecodeBits(EncodeBits(bits), n); err != nil || len(again) != n {
			t.Fatalf("re-encoding %q fails: %v", v, err)
		}
	})
}

// TestFileStem: scene and the settings that differ from the defaults,
// safe for a file name.
func TestFileStem(t *testing.T) {
	sc := &Scene{ID: "slice", Params: []Param{
		{Name: "model", Kind: Choice, Choices: []string{"cnn-clean", "cnn-gauss0.4"}, Default: "cnn-clean"},
		{Name: "image", Kind: Integer, Min: 0, Max: 9999, Default: "0"},
		{Name: "sigma", Kind: Number, Min: 0.01, Max: 2, Default: "0.3"},
		{Name: "digit", Kind: Bits, Bits: 16, Default: ""},
	}}
	s := Defaults(sc)
	if got := s.FileStem(sc); got != "noiseball-slice" {
		t.Errorf("defaults: %q", got)
	}
	s.Values["model"], s.Values["image"], s.Values["sigma"], s.Values["digit"] = "cnn-gauss0.4", "3", "0.5", "_-/x"
	if got := s.FileStem(sc); got != "noiseball-slice-cnn-gauss0.4-image3-sigma0.5" {
		t.Errorf("changed: %q", got)
	}
	s.Values["model"] = "../../etc/passwd x"
	if got := s.FileStem(sc); strings.ContainsAny(got, "/ ") {
		t.Errorf("unsafe stem %q", got)
	}
}
