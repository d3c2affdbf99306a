//go:build js && wasm

package main

import (
	"image"
	"image/color"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
	"golang.org/x/image/font/basicfont"

	"noiseball/core/data"
)

// Colors: Paul Tol's bright scheme, safe for color-blind readers (the
// same family core/slice renders with).
var (
	ink      = color.RGBA{0x22, 0x22, 0x22, 0xff}
	faint    = color.RGBA{0x99, 0x99, 0x99, 0xff}
	blue     = color.RGBA{0x44, 0x77, 0xaa, 0xff}
	red      = color.RGBA{0xee, 0x66, 0x77, 0xff}
	darkRed  = color.RGBA{0xaa, 0x33, 0x44, 0xff}
	errFill  = color.RGBA{0xf6, 0xd0, 0xd4, 0xff}
	expFill  = color.RGBA{0xfb, 0xe8, 0xc8, 0xff}
	yellow   = color.RGBA{0xcc, 0xbb, 0x44, 0xff}
	green    = color.RGBA{0x22, 0x88, 0x33, 0xff}
	panelBg  = color.RGBA{0xff, 0xff, 0xff, 0xff}
	gridLine = color.RGBA{0xe4, 0xe4, 0xde, 0xff}
	noiseDot = color.NRGBA{0xff, 0xff, 0xff, 0xc0}
)

// The app writes with the X11 misc-fixed 7×13 bitmap font of
// golang.org/x/image/font/basicfont (ASCII), which adds a few kilobytes
// to the download where a vector font would add hundreds.
var (
	font   = basicfont.Face7x13
	glyphs *ebiten.Image
)

// asciiPairs spells the page's math symbols in the font's ASCII, longest
// first, so callers may pass the text the DOM shows (a loop of
// strings.ReplaceAll: strings.NewReplacer's machinery costs the page
// program 31 KB).
var asciiPairs = [][2]string{{"σ√n", "sigma*sqrt(n)"}, {"σΦ⁻¹", "sigma*PhiInv"}, {"σ", "sigma"}, {"μ", "mu"},
	{"Φ⁻¹", "PhiInv"}, {"√", "sqrt"}, {"–", "-"}, {"−", "-"}}

// asciiMath returns s with asciiPairs' symbols spelled out.
func asciiMath(s string) string {
	for _, p := range asciiPairs {
		s = strings.ReplaceAll(s, p[0], p[1])
	}
	return s
}

// label draws text s (ASCII; asciiPairs' symbols are spelled out) in
// color c with its anchor at (x, y):
// ax, ay in {0, 0.5, 1} place the anchor at the left/centre/right and
// top/middle/bottom of the text. scale enlarges the glyphs (device
// pixel ratio).
func label(dst *ebiten.Image, s string, x, y, ax, ay, scale float64, c color.Color) {
	if glyphs == nil {
		glyphs = ebiten.NewImageFromImage(font.Mask)
	}
	s = asciiMath(s)
	gh := font.Ascent + font.Descent
	w, h := float64(len(s)*font.Advance), float64(gh)
	r, g, b, a := c.RGBA()
	op := &ebiten.DrawImageOptions{}
	op.ColorScale.Scale(float32(r)/0xffff, float32(g)/0xffff, float32(b)/0xffff, float32(a)/0xffff)
	x0, y0 := math.Round(x-ax*w*scale), math.Round(y-ay*h*scale)
	for i, ch := range []byte(s) {
		k := int(ch) - 0x20
		if k < 0 || k >= 95 {
			k = 95 // the replacement character
		}
		op.GeoM.Reset()
		op.GeoM.Scale(scale, scale)
		op.GeoM.Translate(x0+float64(i*font.Advance)*scale, y0)
		dst.DrawImage(glyphs.SubImage(image.Rect(0, k*gh, font.Width, (k+1)*gh)).(*ebiten.Image), op)
	}
}

func line(dst *ebiten.Image, x0, y0, x1, y1, width float64, c color.Color) {
	vector.StrokeLine(dst, float32(x0), float32(y0), float32(x1), float32(y1), float32(width), c, true)
}

func dot(dst *ebiten.Image, x, y, r float64, c color.Color) {
	vector.DrawFilledCircle(dst, float32(x), float32(y), float32(r), c, true)
}

func box(dst *ebiten.Image, x, y, w, h float64, c color.Color) {
	vector.DrawFilledRect(dst, float32(x), float32(y), float32(w), float32(h), c, false)
}

func frame(dst *ebiten.Image, x, y, w, h, width float64, c color.Color) {
	vector.StrokeRect(dst, float32(x), float32(y), float32(w), float32(h), float32(width), c, false)
}

// axis maps data values to pixels linearly (or logarithmically).
type axis struct {
	lo, hi float64 // data
	p0, p1 float64 // pixels
	log    bool
}

func (a axis) px(v float64) float64 {
	if a.log {
		v, lo, hi := math.Log10(v), math.Log10(a.lo), math.Log10(a.hi)
		return a.p0 + (v-lo)/(hi-lo)*(a.p1-a.p0)
	}
	return a.p0 + (v-a.lo)/(a.hi-a.lo)*(a.p1-a.p0)
}

func (a axis) val(px float64) float64 {
	t := (px - a.p0) / (a.p1 - a.p0)
	if a.log {
		lo, hi := math.Log10(a.lo), math.Log10(a.hi)
		return math.Pow(10, lo+t*(hi-lo))
	}
	return a.lo + t*(a.hi-a.lo)
}

// niceStep returns a round tick spacing giving about n ticks over span.
func niceStep(span float64, n int) float64 {
	raw := span / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// ticks returns round values in [lo, hi].
func ticks(lo, hi float64, n int) []float64 {
	s := niceStep(hi-lo, n)
	var t []float64
	// Round to the step's decimals, so 3·0.2 prints as 0.6.
	p := math.Pow(10, math.Max(0, -math.Floor(math.Log10(s))))
	for v := math.Ceil(lo/s) * s; v <= hi+s*1e-9; v += s {
		t = append(t, math.Round(math.Round(v/s)*s*p)/p)
	}
	return t
}

// progressRing draws an arc showing the fraction f of a running job,
// turning while it runs.
func progressRing(dst *ebiten.Image, x, y, r, f, scale float64, phase float64) {
	vector.StrokeCircle(dst, float32(x), float32(y), float32(r), float32(3*scale), gridLine, true)
	var p vector.Path
	a0 := -math.Pi/2 + phase
	p.Arc(float32(x), float32(y), float32(r), float32(a0), float32(a0+2*math.Pi*math.Max(f, 0.05)), vector.Clockwise)
	op := &vector.StrokeOptions{Width: float32(3 * scale)}
	vs, is := p.AppendVerticesAndIndicesForStroke(nil, nil, op)
	for i := range vs {
		vs[i].ColorR, vs[i].ColorG, vs[i].ColorB, vs[i].ColorA = 0x44/255.0, 0x77/255.0, 0xaa/255.0, 1
		vs[i].SrcX, vs[i].SrcY = 1, 1
	}
	dst.DrawTriangles(vs, is, whitePixel(), &ebiten.DrawTrianglesOptions{AntiAlias: true})
}

var white *ebiten.Image

func whitePixel() *ebiten.Image {
	if white == nil {
		white = ebiten.NewImage(3, 3)
		white.Fill(color.White)
	}
	return white.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
}

func rectF(x0, y0, x1, y1 float64) image.Rectangle {
	return image.Rect(int(x0), int(y0), int(math.Ceil(x1)), int(math.Ceil(y1)))
}

func strokeCircle(dst *ebiten.Image, x, y, r, width float64, c color.Color) {
	vector.StrokeCircle(dst, float32(x), float32(y), float32(r), float32(width), c, true)
}

// thumbs caches the 28×28 images of drawn digits by name.
type thumbs map[string]*ebiten.Image

// digit draws a 28×28 image magnified: gray pixels clipped to [0,1], or,
// for a signed difference, red for positive and blue for negative,
// scaled to the largest magnitude.
func (t thumbs) digit(dst *ebiten.Image, name string, gray, signed []float64, x, y, scale, s float64) {
	t.image(dst, name, gray, signed, x, y, scale)
	label(dst, name, x, y-3*s, 0, 1, s, ink)
}

// image draws the 28×28 image as digit does, without its name.
func (t thumbs) image(dst *ebiten.Image, name string, gray, signed []float64, x, y, scale float64) {
	img := t[name]
	if img == nil {
		img = ebiten.NewImage(28, 28)
		t[name] = img
	}
	pix := make([]byte, 4*data.MNISTPixels)
	top := 0.0
	for _, d := range signed {
		top = math.Max(top, math.Abs(d))
	}
	for i := range data.MNISTPixels {
		var c color.RGBA
		if signed != nil {
			t := 0.0
			if top > 0 {
				t = signed[i] / top
			}
			c = color.RGBA{0xff, 0xff, 0xff, 0xff}
			if t > 0 {
				c.G, c.B = byte(255*(1-t)), byte(255*(1-t))
			} else {
				c.R, c.G = byte(255*(1+t)), byte(255*(1+t))
			}
		} else {
			g := byte(255 * math.Min(1, math.Max(0, gray[i])))
			c = color.RGBA{g, g, g, 0xff}
		}
		pix[4*i], pix[4*i+1], pix[4*i+2], pix[4*i+3] = c.R, c.G, c.B, c.A
	}
	img.WritePixels(pix)
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(scale, scale)
	op.GeoM.Translate(x, y)
	dst.DrawImage(img, op)
}
