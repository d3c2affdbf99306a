// Package glyphs holds the figures' typeface: Go Regular (the Go
// project's font, golang.org/x/image/font/gofont/goregular, BSD
// licence), rasterized ahead of time at Size CSS pixels for device pixel
// ratios 1, 2 and 3 into alpha atlases with their metrics (atlas.bin,
// written by 'go generate' and checked by the tests), so that plain Go
// measures text exactly as the page draws it, and the page ships no font
// rasterizer. Measured with brotli 11 on builds of app.wasm: the atlases
// and this package add 38 KB; parsing the font in the page would add
// about 105 KB (x/image/font/opentype, 49 KB, and the font, 57 KB), and
// Ebiten's text/v2 with its shaper about 200 KB.
//
// The runes are Runes: ASCII and the page's notation (σ√n, −σΦ⁻¹(μ),
// ε ≤ …); any other rune is drawn as '?'.
package glyphs

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

//go:generate go run ./gen

// Size is the labels' em size in CSS pixels.
const Size = 12

// Runes lists every rune the atlases hold, beyond printable ASCII.
const Runes = "σμΦεδ√≤≥−⁻¹²∞×½≈·…’“”–°‰⁰ⁿ"

// Scales are the device pixel ratios the atlases are drawn for.
var Scales = []int{1, 2, 3}

// Glyph is one rune in one atlas: its ink's rectangle relative to the
// pen on the baseline (device pixels, y down), and where that rectangle
// lies in the atlas.
type Glyph struct {
	Rune    rune
	Advance float64 // CSS pixels, the same at every scale
	Dx, Dy  int     // the ink's top left corner from the pen
	W, H    int     // the ink's size
	AX, AY  int     // the ink's top left corner in the atlas
}

// Face is the typeface drawn for one device pixel ratio.
type Face struct {
	Scale int
	// Ascent and Descent are the font's, in CSS pixels (the line's
	// extent above and below the baseline).
	Ascent, Descent float64
	Glyphs          []Glyph // sorted by rune
	Atlas           *image.Alpha
}

// Lookup returns the glyph of r, or of '?' when the face has none.
func (f *Face) Lookup(r rune) *Glyph {
	i, ok := slices.BinarySearchFunc(f.Glyphs, r, func(g Glyph, r rune) int { return int(g.Rune - r) })
	if !ok {
		i, _ = slices.BinarySearchFunc(f.Glyphs, '?', func(g Glyph, r rune) int { return int(g.Rune - r) })
	}
	return &f.Glyphs[i]
}

// Measure returns the width of s in CSS pixels: the sum of its runes'
// advances (the faces are not kerned).
func (f *Face) Measure(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += f.Lookup(r).Advance
	}
	return w
}

// Wrap breaks text into lines at most width CSS pixels wide, at spaces;
// a word longer than a line, such as a link, is cut where it must be.
func Wrap(text string, width float64) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		for w != "" && Measure(w) > width {
			n := 1
			for n < len(w) && Measure(w[:n+1]) <= width {
				n++
			}
			for n < len(w) && !utf8.RuneStart(w[n]) {
				n++
			}
			if line != "" {
				lines, line = append(lines, line), ""
			}
			lines, w = append(lines, w[:n]), w[n:]
		}
		if w == "" {
			continue
		}
		if line != "" && Measure(line+" "+w) > width {
			lines, line = append(lines, line), ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

//go:embed atlas.bin
var atlasBin []byte

var faces []*Face

// For returns the face to draw at device pixel ratio dpr: the one of
// the next scale up (at most 3), which the page draws scaled down by
// dpr/Scale.
func For(dpr float64) *Face {
	if faces == nil {
		var err error
		if faces, err = Load(atlasBin); err != nil {
			panic("glyphs: the embedded atlas is damaged: " + err.Error())
		}
	}
	s := int(math.Ceil(dpr - 1e-9))
	i := slices.IndexFunc(faces, func(f *Face) bool { return f.Scale >= s })
	if i < 0 {
		i = len(faces) - 1
	}
	return faces[i]
}

// Measure returns the width of s in CSS pixels, the same at every scale.
func Measure(s string) float64 { return For(1).Measure(s) }

// The atlas file, little-endian:
//
//	"NBGL" 1                       magic and version
//	glyphs u16, faces u8
//	per glyph: rune u32, advance f32 (CSS pixels)
//	per face: scale u8, ascent f32, descent f32, width u16, height u16,
//	  per glyph: dx i16, dy i16, w u16, h u16, x u16, y u16;
//	  then width×height bytes of alpha, row by row.
const magic = "NBGL\x01"

// Load decodes an atlas file; damaged or truncated data is an error.
func Load(b []byte) ([]*Face, error) {
	r := reader{b: b}
	if string(r.next(len(magic))) != magic {
		return nil, errors.New("glyphs: not an atlas file (bad magic)")
	}
	n, nf := int(r.u16()), int(r.u8())
	runes := make([]Glyph, n)
	for i := range runes {
		runes[i].Rune = rune(r.u32())
		runes[i].Advance = float64(math.Float32frombits(r.u32()))
		if i > 0 && runes[i].Rune <= runes[i-1].Rune || math.IsNaN(runes[i].Advance) || runes[i].Advance < 0 || runes[i].Advance > 10*Size {
			return nil, fmt.Errorf("glyphs: glyph %d is out of order or has a bad advance", i)
		}
	}
	var out []*Face
	for range nf {
		f := &Face{Scale: int(r.u8()), Glyphs: slices.Clone(runes)}
		f.Ascent = float64(math.Float32frombits(r.u32()))
		f.Descent = float64(math.Float32frombits(r.u32()))
		w, h := int(r.u16()), int(r.u16())
		for i := range f.Glyphs {
			g := &f.Glyphs[i]
			g.Dx, g.Dy = int(int16(r.u16())), int(int16(r.u16()))
			g.W, g.H, g.AX, g.AY = int(r.u16()), int(r.u16()), int(r.u16()), int(r.u16())
			if g.AX+g.W > w || g.AY+g.H > h {
				return nil, fmt.Errorf("glyphs: glyph %q lies outside its %d×%d atlas", g.Rune, w, h)
			}
		}
		pix := r.next(w * h)
		if r.err != nil {
			break
		}
		f.Atlas = &image.Alpha{Pix: slices.Clone(pix), Stride: w, Rect: image.Rect(0, 0, w, h)}
		if f.Scale < 1 || len(out) > 0 && f.Scale <= out[len(out)-1].Scale {
			return nil, errors.New("glyphs: the faces' scales are not increasing")
		}
		if slices.IndexFunc(f.Glyphs, func(g Glyph) bool { return g.Rune == '?' }) < 0 {
			return nil, errors.New("glyphs: the atlas has no '?' for missing runes")
		}
		out = append(out, f)
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 || len(out) == 0 {
		return nil, errors.New("glyphs: the atlas file has trailing bytes or no faces")
	}
	return out, nil
}

// reader reads little-endian fields, remembering the first shortfall.
type reader struct {
	b   []byte
	err error
}

func (r *reader) next(n int) []byte {
	if r.err != nil || n > len(r.b) {
		r.err = errors.New("glyphs: the atlas file is truncated")
		r.b = nil
		return make([]byte, n)
	}
	p := r.b[:n]
	r.b = r.b[n:]
	return p
}

func (r *reader) u8() uint8   { return r.next(1)[0] }
func (r *reader) u16() uint16 { return binary.LittleEndian.Uint16(r.next(2)) }
func (r *reader) u32() uint32 { return binary.LittleEndian.Uint32(r.next(4)) }
