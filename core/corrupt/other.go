package corrupt

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
)

// pixelate averages blocks of 2 … 6 pixels (the last block of a row
// smaller) and repeats the average over the block.
func pixelate(dst, src []float64, s int, _ *rand.Rand) {
	b := int(level(s, [5]float64{2, 3, 4, 5, 6}))
	for by := 0; by < Side; by += b {
		for bx := 0; bx < Side; bx += b {
			sum, n := 0.0, 0
			for y := by; y < min(by+b, Side); y++ {
				for x := bx; x < min(bx+b, Side); x++ {
					sum += src[y*Side+x]
					n++
				}
			}
			for y := by; y < min(by+b, Side); y++ {
				for x := bx; x < min(bx+b, Side); x++ {
					dst[y*Side+x] = sum / float64(n)
				}
			}
		}
	}
}

// jpegCompress round-trips the image through the standard library's
// JPEG encoder at quality 30 … 5.
func jpegCompress(dst, src []float64, s int, _ *rand.Rand) {
	q := int(level(s, [5]float64{30, 20, 12, 8, 5}))
	JPEG(dst, src, q)
}

// JPEG writes src (28×28 in [0,1]) round-tripped through JPEG at the
// given quality (1 to 100) into dst, as 8-bit gray.
func JPEG(dst, src []float64, quality int) {
	img := image.NewGray(image.Rect(0, 0, Side, Side))
	for i, v := range src {
		img.Pix[i] = uint8(math.Round(255 * min(max(v, 0), 1)))
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		panic("corrupt: JPEG encoding of an in-memory image failed: " + err.Error())
	}
	out, err := jpeg.Decode(&buf)
	if err != nil {
		panic("corrupt: JPEG decoding of our own encoding failed: " + err.Error())
	}
	for y := range Side {
		for x := range Side {
			dst[y*Side+x] = float64(color.GrayModel.Convert(out.At(x, y)).(color.Gray).Y) / 255
		}
	}
}

// stripe inverts a vertical band of 2 … 6 columns at a random position.
func stripe(dst, src []float64, s int, r *rand.Rand) {
	w := int(level(s, [5]float64{2, 3, 4, 5, 6}))
	x0 := 4 + r.IntN(Side-8-w)
	copy(dst, src)
	for y := range Side {
		for x := x0; x < x0+w; x++ {
			dst[y*Side+x] = 1 - src[y*Side+x]
		}
	}
}

// line draws a segment from (y0, x0) to (y1, x1) of brightness v into
// img, skipping every other step when dotted.
func line(img []float64, y0, x0, y1, x1 float64, v float64, dotted bool) {
	steps := int(math.Ceil(math.Max(math.Abs(y1-y0), math.Abs(x1-x0)))) + 1
	for t := 0; t <= steps; t++ {
		if dotted && (t/2)%2 == 1 {
			continue
		}
		f := float64(t) / float64(steps)
		y, x := int(math.Round(y0+float64(f*(y1-y0)))), int(math.Round(x0+float64(f*(x1-x0))))
		if y >= 0 && y < Side && x >= 0 && x < Side {
			img[y*Side+x] = v
		}
	}
}

// zigzag draws a bright zigzag of 1 … 5 segments across the digit.
func zigzag(dst, src []float64, s int, r *rand.Rand) {
	copy(dst, src)
	segs := s
	y, x := float64(r.IntN(Side)), 0.0
	step := float64(Side-1) / float64(segs)
	for range segs {
		ny := float64(r.IntN(Side))
		line(dst, y, x, ny, x+step, 1, false)
		y, x = ny, x+step
	}
}

// dottedLine draws 1 … 5 bright dotted lines between random edge points.
func dottedLine(dst, src []float64, s int, r *rand.Rand) {
	copy(dst, src)
	for range s {
		line(dst, float64(r.IntN(Side)), 0, float64(r.IntN(Side)), Side-1, 1, true)
	}
}
