//go:build !js

package glyphs

import (
	"bytes"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

// TestAtlasUpToDate: atlas.bin is what Build makes of Go Regular today
// (run 'go generate ./wasm/glyphs' after changing Runes, Size or Scales).
func TestAtlasUpToDate(t *testing.T) {
	b, err := Build(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, atlasBin) {
		t.Fatal("atlas.bin is stale: run 'go generate ./wasm/glyphs'")
	}
}

// TestMeasureAgainstTheFont: Measure agrees with x/image/font's own
// measurement of the font at Size, for text without kerned pairs and
// for every rune alone, and the font kerns none of the page's pairs
// that Measure would then get wrong by more than a tenth of a pixel.
func TestMeasureAgainstTheFont(t *testing.T) {
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: Size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"σ√n = 8.4", "−σΦ⁻¹(μ) = 0.7", "error rate in noise μ (log)", "0.001", "ε ≤ 2½ × 10⁰"} {
		want := float64(font.MeasureString(face, s)) / 64
		if got := Measure(s); got < want-0.1 || got > want+0.1 {
			t.Errorf("Measure(%q) = %.3f px; the font measures %.3f", s, got, want)
		}
	}
	for r := rune(0x20); r < 0x7f; r++ {
		adv, _ := face.GlyphAdvance(r)
		if got, want := Measure(string(r)), float64(adv)/64; got < want-1e-3 || got > want+1e-3 {
			t.Errorf("Measure(%q) = %.4f; the font: %.4f", r, got, want)
		}
	}
}
