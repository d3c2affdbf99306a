package glyphs

import (
	"fmt"
	"strings"
	"testing"
)

// TestFaces: the embedded atlas holds a face per scale, every rune of
// Runes has ink of the right size (taller at larger scales, in
// proportion), and a rune outside the set falls back to '?'.
func TestFaces(t *testing.T) {
	for _, dpr := range []float64{0.5, 1, 1.5, 2, 2.625, 3, 4} {
		f := For(dpr)
		want := min(3, max(1, int(dpr+0.999)))
		if f.Scale != want {
			t.Errorf("For(%v) draws at scale %d; want %d", dpr, f.Scale, want)
		}
	}
	one, three := For(1), For(3)
	for _, r := range Runes + "Aa0(" {
		g1, g3 := one.Lookup(r), three.Lookup(r)
		if g1.Rune != r || g3.Rune != r {
			t.Fatalf("%q is missing", r)
		}
		// Thin marks (⁻, −) are a pixel or two at any scale.
		if g1.H == 0 || g3.H < g1.H || g1.H >= 5 && (g3.H < 2*g1.H || g3.H > 4*g1.H+2) {
			t.Errorf("%q: ink %d px tall at scale 1, %d at scale 3", r, g1.H, g3.H)
		}
		ink := 0
		for y := range g3.H {
			for x := range g3.W {
				ink += int(three.Atlas.AlphaAt(g3.AX+x, g3.AY+y).A)
			}
		}
		if ink == 0 {
			t.Errorf("%q has no ink in the scale-3 atlas", r)
		}
	}
	if g := one.Lookup('∈'); g.Rune != '?' {
		t.Errorf("a missing rune draws as %q; want '?'", g.Rune)
	}
	if one.Ascent < Size*0.7 || one.Ascent > Size || one.Descent <= 0 {
		t.Errorf("ascent %v, descent %v at size %d", one.Ascent, one.Descent, Size)
	}
}

// FuzzLoad: damaged atlas files are errors, never panics.
func FuzzLoad(f *testing.F) {
	f.Add(atlasBin)
	f.Add(atlasBin[:100])
	f.Add([]byte(magic + "\x01\x00\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		faces, err := Load(b)
		if err == nil && len(faces) == 0 {
			t.Error("no faces and no error")
		}
	})
}

func ExampleMeasure() {
	fmt.Printf("%.1f px\n", Measure("σ√n = 8.4"))
	// Output: 51.5 px
}

// TestWrap: every line fits, no word is lost or split unless it is
// longer than a line, and the words keep their order.
func TestWrap(t *testing.T) {
	text := "The noise ball: noisy copies of σ = 0.3 lie on a shell of radius σ√n, far beyond https://example.org/a-very-long-link-that-cannot-fit-on-one-line#scene=slice"
	for _, width := range []float64{60, 120, 300, 2000} {
		lines := Wrap(text, width)
		for _, l := range lines {
			if Measure(l) > width {
				t.Errorf("width %v: %q is %.1f px wide", width, l, Measure(l))
			}
		}
		joined := strings.Join(lines, " ")
		if strings.ReplaceAll(joined, " ", "") != strings.ReplaceAll(text, " ", "") {
			t.Errorf("width %v: the words changed: %q", width, joined)
		}
		if width == 2000 && len(lines) != 1 || width == 300 && len(lines) < 3 {
			t.Errorf("width %v: %d lines", width, len(lines))
		}
	}
	// A figure laid out to no width (a page that has not placed it yet)
	// gets one character a line, not a panic.
	for _, width := range []float64{0, -15.5} {
		lines := Wrap("ab σ", width)
		if strings.Join(lines, "|") != "a|b|σ" {
			t.Errorf("width %v: %q; want one character a line", width, lines)
		}
	}
}
