//go:build !js

package glyphs

import (
	"encoding/binary"
	"fmt"
	"image"
	"image/draw"
	"math"
	"slices"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// atlasWidth is the atlases' width in device pixels; rows of glyphs
// fill it left to right, a pixel apart.
const atlasWidth = 512

// Build rasterizes the runes of printable ASCII and Runes of the
// TrueType or OpenType font ttf at Size CSS pixels for each of Scales,
// unhinted, and returns the atlas file that Load reads. It runs natively
// only ('go generate'), so the page carries no rasterizer.
func Build(ttf []byte) ([]byte, error) {
	f, err := opentype.Parse(ttf)
	if err != nil {
		return nil, err
	}
	var runes []rune
	for r := rune(0x20); r < 0x7f; r++ {
		runes = append(runes, r)
	}
	runes = append(runes, []rune(Runes)...)
	slices.Sort(runes)
	runes = slices.Compact(runes)
	le := binary.LittleEndian
	out := []byte(magic)
	out = le.AppendUint16(out, uint16(len(runes)))
	out = append(out, byte(len(Scales)))
	css, err := opentype.NewFace(f, &opentype.FaceOptions{Size: Size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, err
	}
	for _, r := range runes {
		adv, ok := css.GlyphAdvance(r)
		if !ok {
			return nil, fmt.Errorf("glyphs: the font has no %q", r)
		}
		out = le.AppendUint32(out, uint32(r))
		out = le.AppendUint32(out, math.Float32bits(float32(adv)/64))
	}
	m := css.Metrics()
	for _, scale := range Scales {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: Size * float64(scale), DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return nil, err
		}
		type ink struct {
			dr   image.Rectangle
			mask *image.Alpha
		}
		inks := make([]ink, len(runes))
		for i, r := range runes {
			dr, mask, mp, _, _ := face.Glyph(fixed.Point26_6{}, r)
			a := image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))
			draw.Draw(a, a.Rect, mask, mp, draw.Src)
			inks[i] = ink{dr, a}
		}
		// Shelf packing, in rune order.
		pos := make([]image.Point, len(runes))
		x, y, shelf := 0, 0, 0
		for i, k := range inks {
			w, h := k.dr.Dx(), k.dr.Dy()
			if x+w > atlasWidth {
				x, y, shelf = 0, y+shelf+1, 0
			}
			pos[i] = image.Pt(x, y)
			x += w + 1
			shelf = max(shelf, h)
		}
		atlas := image.NewAlpha(image.Rect(0, 0, atlasWidth, y+shelf))
		out = append(out, byte(scale))
		out = le.AppendUint32(out, math.Float32bits(float32(m.Ascent)/64))
		out = le.AppendUint32(out, math.Float32bits(float32(m.Descent)/64))
		out = le.AppendUint16(out, uint16(atlas.Rect.Dx()))
		out = le.AppendUint16(out, uint16(atlas.Rect.Dy()))
		for i, k := range inks {
			draw.Draw(atlas, k.mask.Rect.Add(pos[i]), k.mask, image.Point{}, draw.Src)
			for _, v := range []int{k.dr.Min.X, k.dr.Min.Y, k.dr.Dx(), k.dr.Dy(), pos[i].X, pos[i].Y} {
				out = le.AppendUint16(out, uint16(int16(v)))
			}
		}
		out = append(out, atlas.Pix...)
	}
	return out, nil
}
