package slice

import (
	"image"
	"image/color"
	"math"
)

// Palette holds one color per MNIST class: Paul Tol's "muted" scheme
// (nine colors designed to stay distinct under the common color-vision
// deficiencies, plus its pale gray), none of them dark enough to hide the
// black decision boundaries.
var Palette = []color.RGBA{
	{0xcc, 0x66, 0x77, 0xff}, // 0 rose
	{0x33, 0x22, 0x88, 0xff}, // 1 indigo
	{0xdd, 0xcc, 0x77, 0xff}, // 2 sand
	{0x11, 0x77, 0x33, 0xff}, // 3 green
	{0x88, 0xcc, 0xee, 0xff}, // 4 cyan
	{0x88, 0x22, 0x55, 0xff}, // 5 wine
	{0x44, 0xaa, 0x99, 0xff}, // 6 teal
	{0x99, 0x99, 0x33, 0xff}, // 7 olive
	{0xaa, 0x44, 0x99, 0xff}, // 8 purple
	{0xdd, 0xdd, 0xdd, 0xff}, // 9 pale gray
}

// ClassColor returns the palette color of class c shaded by its margin:
// full color at margins of marginScale logits and above, fading toward
// white as the margin goes to 0 (the decision boundary). Classes beyond
// the palette cycle; c < 0 (not evaluated) is white.
func ClassColor(c int, margin, marginScale float64) color.RGBA {
	if c < 0 {
		return color.RGBA{0xff, 0xff, 0xff, 0xff}
	}
	base := Palette[c%len(Palette)]
	a := 0.35 + float64(0.65*math.Min(1, math.Max(0, margin/marginScale)))
	mix := func(v uint8) uint8 { return uint8(math.Round(255 - float64(a*(255-float64(v))))) }
	return color.RGBA{mix(base.R), mix(base.G), mix(base.B), 0xff}
}

// Render draws the grid as an image with cell×cell pixels per grid cell:
// class colors shaded by margin, and decision boundaries (cells whose
// right or lower neighbor has another class) in black.
func Render(g *Grid, cell int, marginScale float64) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, g.N*cell, g.N*cell))
	for i := range g.N {
		for j := range g.N {
			c := g.Class(i, j)
			col := ClassColor(c, g.Margin(i, j), marginScale)
			edge := (j+1 < g.N && g.Class(i, j+1) != c) || (i+1 < g.N && g.Class(i+1, j) != c)
			for y := i * cell; y < (i+1)*cell; y++ {
				for x := j * cell; x < (j+1)*cell; x++ {
					img.SetRGBA(x, y, col)
				}
			}
			if edge && c >= 0 {
				for y := i * cell; y < (i+1)*cell; y++ {
					img.SetRGBA((j+1)*cell-1, y, color.RGBA{0, 0, 0, 0xff})
				}
				for x := j * cell; x < (j+1)*cell; x++ {
					img.SetRGBA(x, (i+1)*cell-1, color.RGBA{0, 0, 0, 0xff})
				}
			}
		}
	}
	return img
}

// pixel returns the image position of plane coordinates (s, t) in a
// rendering of g with cell pixels per cell.
func pixel(g *Grid, cell int, s, t float64) (x, y float64) {
	scale := float64(g.N*cell) / (2 * g.Extent)
	return (s + g.Extent) * scale, (g.Extent - t) * scale
}

// DrawCircle draws the circle of the given radius (plane units) around
// the plane's origin onto a rendering of g: the noise ball σ√n of the
// paper's Fig. 3 when radius = NoiseRadius(σ, n).
func DrawCircle(img *image.RGBA, g *Grid, cell int, radius float64, c color.RGBA) {
	steps := int(8 * math.Pi * radius / (2 * g.Extent) * float64(g.N*cell))
	for k := range max(steps, 16) {
		a := 2 * math.Pi * float64(k) / float64(max(steps, 16))
		x, y := pixel(g, cell, float64(radius*math.Cos(a)), float64(radius*math.Sin(a)))
		img.SetRGBA(int(x), int(y), c)
	}
}

// DrawMark draws a small filled square at plane coordinates (s, t).
func DrawMark(img *image.RGBA, g *Grid, cell int, s, t float64, c color.RGBA) {
	x, y := pixel(g, cell, s, t)
	for dy := -2; dy <= 2; dy++ {
		for dx := -2; dx <= 2; dx++ {
			img.SetRGBA(int(x)+dx, int(y)+dy, c)
		}
	}
}
