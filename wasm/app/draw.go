//go:build js && wasm

package main

import (
	"image"
	"image/color"
	"math"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"noiseball/core/data"
	"noiseball/wasm/glyphs"
	"noiseball/wasm/layout"
)

// Colors: Paul Tol's bright scheme, safe for color-blind readers (the
// same family core/slice renders with).
var (
	ink      = color.RGBA{0x22, 0x22, 0x22, 0xff}
	faint    = color.RGBA{0x60, 0x60, 0x60, 0xff} // 6.3:1 on white: WCAG AA for text
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

// atlases are the typeface's atlases on the GPU, by scale (package
// glyphs: Go Regular at glyphs.Size CSS pixels, rasterized ahead of time).
var atlases = map[int]*ebiten.Image{}

// textWidth returns the width of s in device pixels at scale (the
// device pixel ratio), as label draws it.
func textWidth(s string, scale float64) float64 { return glyphs.Measure(s) * scale }

// lineHeight returns the height of a line of labels in device pixels.
func lineHeight(scale float64) float64 {
	f := glyphs.For(1)
	return (f.Ascent + f.Descent) * scale
}

// label draws text s in color c with its anchor at (x, y): ax, ay in
// {0, 0.5, 1} place the anchor at the left/centre/right and
// top/middle/bottom of the text's box (its advance wide, the font's
// ascent plus descent tall). scale is the device pixel ratio; the face
// drawn is the one rasterized for the next scale up, scaled down.
func label(dst *ebiten.Image, s string, x, y, ax, ay, scale float64, c color.Color) {
	f := glyphs.For(scale)
	img := atlases[f.Scale]
	if img == nil {
		img = ebiten.NewImageFromImage(f.Atlas)
		atlases[f.Scale] = img
	}
	k := scale / float64(f.Scale) // atlas pixels to device pixels
	w, h := f.Measure(s)*scale, (f.Ascent+f.Descent)*scale
	r, g, b, a := c.RGBA()
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	if k == 1 {
		op.Filter = ebiten.FilterNearest
	}
	op.ColorScale.Scale(float32(r)/0xffff, float32(g)/0xffff, float32(b)/0xffff, float32(a)/0xffff)
	pen, base := x-ax*w, math.Round(y-ay*h+f.Ascent*scale)
	ink := image.Rectangle{}
	for _, ch := range s {
		gl := f.Lookup(ch)
		if gl.W > 0 && gl.H > 0 {
			op.GeoM.Reset()
			op.GeoM.Scale(k, k)
			gx, gy := math.Round(pen+float64(gl.Dx)*k), base+float64(gl.Dy)*k
			op.GeoM.Translate(gx, gy)
			dst.DrawImage(img.SubImage(image.Rect(gl.AX, gl.AY, gl.AX+gl.W, gl.AY+gl.H)).(*ebiten.Image), op)
			ink = ink.Union(rectF(gx, gy, gx+float64(gl.W)*k, gy+float64(gl.H)*k))
		}
		pen += gl.Advance * scale
	}
	if recording != nil && !ink.Empty() {
		*recording = append(*recording, layout.Box{Text: s, X: float64(ink.Min.X) / scale, Y: float64(ink.Min.Y) / scale,
			W: float64(ink.Dx()) / scale, H: float64(ink.Dy()) / scale})
	}
}

// number writes a tick's value: the shortest form, with a true minus.
func number(v float64) string {
	if v == 0 {
		return "0"
	}
	t := strconv.FormatFloat(v, 'g', 4, 64)
	if t[0] == '-' {
		t = "−" + t[1:]
	}
	return t
}

// labelWithin is label with the text moved sideways, if need be, to lie
// within [lo, hi] (device pixels): a tick's value at the end of an axis
// stays inside the figure.
func labelWithin(dst *ebiten.Image, s string, x, y, ax, ay, lo, hi, scale float64, c color.Color) {
	w := textWidth(s, scale)
	x0 := math.Max(lo, math.Min(x-ax*w, hi-w))
	label(dst, s, x0, y, 0, ay, scale, c)
}

// legendItem is a legend's entry: its text and its mark, drawn centred
// at (x, y).
type legendItem struct {
	text string
	mark func(dst *ebiten.Image, x, y, scale float64)
}

// legend lays items out in rows from (x, y), a mark then its text, at
// most width wide, and returns the y under the last row.
func legend(dst *ebiten.Image, items []legendItem, x, y, width, scale float64) float64 {
	lh := lineHeight(scale)
	cx := x
	for _, it := range items {
		w := 16*scale + textWidth(it.text, scale)
		if cx > x && cx+w > x+width {
			cx, y = x, y+lh+2*scale
		}
		it.mark(dst, cx+6*scale, y+lh/2, scale)
		label(dst, it.text, cx+16*scale, y, 0, 0, scale, ink)
		cx += w + 14*scale
	}
	return y + lh
}

// wrapped draws text in lines at most width device pixels wide, the
// first line's top at y, and returns the y under the last line: a
// figure's title on a narrow screen takes two lines rather than leave
// the figure.
func wrapped(dst *ebiten.Image, text string, x, y, width, scale float64, c color.Color) float64 {
	lh := lineHeight(scale)
	for _, l := range glyphs.Wrap(text, width/scale) {
		label(dst, l, x, y, 0, 0, scale, c)
		y += lh
	}
	return y
}

// recording, when not nil, collects the boxes of the labels and plot
// frames drawn (CSS pixels), for the page's layout test (see
// app.publishLayout).
var recording *[]layout.Box

// plotArea notes a plot's rectangle (device pixels at scale) for the
// layout test: a label lies wholly inside it or wholly outside.
func plotArea(x, y, w, h, scale float64) {
	if recording != nil {
		*recording = append(*recording, layout.Box{X: x / scale, Y: y / scale, W: w / scale, H: h / scale, Frame: true})
	}
}

// grabRadius is how far from a handle, in CSS pixels, a touch still
// takes it: a 44-pixel target, as WCAG 2.5.5 and phone makers' guides
// ask for a finger.
const grabRadius = 22

// handleArea notes where a touch grabs the figure (device pixels at
// scale) for the page's tests: what names what the handle moves.
func handleArea(what string, x, y, w, h, scale float64) {
	if recording != nil {
		*recording = append(*recording, layout.Box{Text: what, X: x / scale, Y: y / scale, W: w / scale, H: h / scale, Handle: true})
	}
}

// grip draws a handle's mark: a pill of the given colour centred at
// (x, y) with three light lines across it, the sign of something to
// drag.
func grip(dst *ebiten.Image, x, y, s float64, c color.Color) {
	// Recorded as ink, so the layout test sees a label drawn over it.
	if recording != nil {
		*recording = append(*recording, layout.Box{Text: "(grip)", X: x/s - 4, Y: y/s - 16, W: 8, H: 32})
	}
	vector.DrawFilledRect(dst, float32(x-4*s), float32(y-12*s), float32(8*s), float32(24*s), c, true)
	dot(dst, x, y-12*s, 4*s, c)
	dot(dst, x, y+12*s, 4*s, c)
	for _, dy := range []float64{-5, 0, 5} {
		line(dst, x-2.5*s, y+dy*s, x+2.5*s, y+dy*s, 1*s, paper)
	}
}

func line(dst *ebiten.Image, x0, y0, x1, y1, width float64, c color.Color) {
	vector.StrokeLine(dst, float32(x0), float32(y0), float32(x1), float32(y1), float32(width), c, true)
}

func dot(dst *ebiten.Image, x, y, r float64, c color.Color) {
	vector.DrawFilledCircle(dst, float32(x), float32(y), float32(r), c, true)
}

// dotStamp draws many dots of one radius and colour: the dot is filled
// once into a small image (as dot fills it) and stamped at each place,
// which Ebiten draws in one batch. A path per dot (dot) cost the noise
// ball's 1,000 copies most of its first frame.
type dotStamp struct {
	img    *ebiten.Image
	offset float64 // from the image's corner to the dot's centre
	op     ebiten.DrawImageOptions
}

// stamps caches the dots made so far, by radius (device pixels) and
// colour.
var stamps = map[struct {
	r float64
	c color.RGBA
}]*dotStamp{}

// dots returns the stamp for dots of radius r and colour c.
func dots(r float64, c color.Color) *dotStamp {
	key := struct {
		r float64
		c color.RGBA
	}{r, color.RGBAModel.Convert(c).(color.RGBA)}
	if d, ok := stamps[key]; ok {
		return d
	}
	side := int(math.Ceil(2*r)) + 4
	d := &dotStamp{img: ebiten.NewImage(side, side), offset: float64(side) / 2}
	dot(d.img, d.offset, d.offset, r, c)
	d.op.Filter = ebiten.FilterLinear
	stamps[key] = d
	return d
}

// at draws the dot centred at (x, y).
func (d *dotStamp) at(dst *ebiten.Image, x, y float64) {
	d.op.GeoM.Reset()
	d.op.GeoM.Translate(x-d.offset, y-d.offset)
	dst.DrawImage(d.img, &d.op)
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

// chartFrame draws a chart's title, box, grid and tick values in the
// box (x, y, w, h) and returns its axes (x from xlo to xhi, y from ylo
// to yhi) and its plot's rectangle, with xname under the x axis.
func chartFrame(dst *ebiten.Image, x, y, w, h, s float64, title, xname string, xlo, xhi, ylo, yhi float64, xfmt func(float64) string) (ax, ay axis, plot rect) {
	lh := lineHeight(s)
	// Half a line more under the title: the top tick value is centred
	// on the plot's top edge.
	top := wrapped(dst, title, x, y, w, s, ink) + lh/2 + 4*s
	px := x + textWidth("0.00", s) + 6*s
	plot = rect{px, top, x + w - px - 4*s, math.Max(y+h-top-2*lh-8*s, 30*s)}
	ax = axis{lo: xlo, hi: xhi, p0: plot.x, p1: plot.x + plot.w}
	ay = axis{lo: ylo, hi: yhi, p0: top + plot.h, p1: top}
	box(dst, plot.x, top, plot.w, plot.h, panelBg)
	for _, t := range ticks(ylo, yhi, 4) {
		line(dst, plot.x, ay.px(t), plot.x+plot.w, ay.px(t), 1, gridLine)
		label(dst, number(t), plot.x-3*s, ay.px(t), 1, 0.5, s, faint)
	}
	for _, t := range ticks(xlo, xhi, 4) {
		labelWithin(dst, xfmt(t), ax.px(t), top+plot.h+3*s, 0.5, 0, x, x+w, s, faint)
	}
	label(dst, xname, plot.x+plot.w/2, top+plot.h+3*s+lh+2*s, 0.5, 0, s, faint)
	return ax, ay, plot
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

// Class colours of the scenes that shade a plane by the class a network
// reads: regions in light tints, points in the full colours (Paul Tol's
// bright scheme).
var (
	classInk  = []color.RGBA{blue, {0xcc, 0x77, 0x22, 0xff}, green}
	classTint = []color.RGBA{{0xd6, 0xe3, 0xf0, 0xff}, {0xf7, 0xe1, 0xc8, 0xff}, {0xd3, 0xea, 0xd6, 0xff}}
)

// tintMap is a w×w image of class tints, drawn stretched over a plane.
type tintMap struct {
	img *ebiten.Image
	pix []byte
}

// set paints class(i, j), the class of column i and row j from the top,
// into the w×w image.
func (m *tintMap) set(w int, class func(i, j int) int) {
	if m.img == nil || m.img.Bounds().Dx() != w {
		m.img = ebiten.NewImage(w, w)
		m.pix = make([]byte, 4*w*w)
	}
	for j := range w {
		for i := range w {
			t := classTint[class(i, j)%len(classTint)]
			k := 4 * (j*w + i)
			m.pix[k], m.pix[k+1], m.pix[k+2], m.pix[k+3] = t.R, t.G, t.B, 0xff
		}
	}
	m.img.WritePixels(m.pix)
}

// draw stretches the image over r (figure pixels).
func (m *tintMap) draw(dst *ebiten.Image, r rect) {
	if m.img == nil {
		return
	}
	w := float64(m.img.Bounds().Dx())
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(r.w/w, r.h/w)
	op.GeoM.Translate(r.x, r.y)
	dst.DrawImage(m.img, op)
}
