package data

import (
	"fmt"
	"math"
)

// MNISTBox is the side of the box MNIST's digits were scaled into before
// centring.
const MNISTBox = 20

// mnistCenter is where MNIST's digits have their center of mass, in
// pixel-edge coordinates (the mean over the test set is 14.51, 14.49).
const mnistCenter = 14.5

// CenterDigit writes into dst (28×28 = 784 values, row-major) the
// drawing src (w×h values, row-major, ink in [0,1]) normalized the way
// MNIST's digits were (LeCun et al., 1998): the bounding box of the ink
// is scaled, keeping its aspect ratio, so that its longer side is 20
// pixels, by area averaging (each output pixel is the mean of the source
// area it covers, which turns a binary drawing into anti-aliased gray),
// and the result is placed so that its center of mass falls on the
// center of pixel (14, 14), where MNIST's digits have theirs: (14.5,
// 14.5) with pixel i spanning [i, i+1) (shifted by whole pixels; ink
// shifted past the border is lost). It returns false, leaving dst all zero, when src
// has no ink. Values are clipped to [0,1].
func CenterDigit(dst, src []float64, w, h int) bool {
	if len(dst) != MNISTSide*MNISTSide || w <= 0 || h <= 0 || len(src) != w*h {
		panic(fmt.Sprintf("data: CenterDigit of %d values as %d×%d into %d", len(src), w, h, len(dst)))
	}
	clear(dst)
	x0, y0, x1, y1 := w, h, -1, -1
	for y := range h {
		for x := range w {
			if src[y*w+x] > 0 {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			}
		}
	}
	if x1 < 0 {
		return false
	}
	bw, bh := x1-x0+1, y1-y0+1
	scale := MNISTBox / float64(max(bw, bh))
	ow := max(1, min(MNISTBox, int(math.Round(float64(bw)*scale))))
	oh := max(1, min(MNISTBox, int(math.Round(float64(bh)*scale))))
	wx, wy := areaWeights(bw, ow), areaWeights(bh, oh)
	// box[i][j] = Σ_k Σ_l wy[i][k] · src[y0+k][x0+l] · wx[j][l].
	rows := make([]float64, oh*bw)
	for i := range oh {
		for k, a := range wy[i] {
			if a == 0 {
				continue
			}
			for l := range bw {
				rows[i*bw+l] += float64(a * src[(y0+k)*w+x0+l])
			}
		}
	}
	box := make([]float64, oh*ow)
	var mass, mx, my float64
	for i := range oh {
		for j := range ow {
			v := 0.0
			for l, a := range wx[j] {
				v += float64(a * rows[i*bw+l])
			}
			v = math.Min(1, math.Max(0, v))
			box[i*ow+j] = v
			mass += v
			mx += float64(v * (float64(j) + 0.5))
			my += float64(v * (float64(i) + 0.5))
		}
	}
	// Shift the center of mass onto pixel (14, 14)'s center.
	ox := int(math.Round(mnistCenter - mx/mass))
	oy := int(math.Round(mnistCenter - my/mass))
	for i := range oh {
		for j := range ow {
			if x, y := ox+j, oy+i; x >= 0 && x < MNISTSide && y >= 0 && y < MNISTSide {
				dst[y*MNISTSide+x] = box[i*ow+j]
			}
		}
	}
	return true
}

// areaWeights returns, for resampling n source pixels onto m, the weight
// of source pixel k in output pixel j: the length of the overlap of
// [k, k+1) with output j's span [j·n/m, (j+1)·n/m), divided by that span,
// so each row sums to 1.
func areaWeights(n, m int) [][]float64 {
	span := float64(n) / float64(m)
	out := make([][]float64, m)
	for j := range out {
		out[j] = make([]float64, n)
		lo, hi := float64(j)*span, float64(j+1)*span
		for k := int(lo); k < n && float64(k) < hi; k++ {
			if o := math.Min(hi, float64(k+1)) - math.Max(lo, float64(k)); o > 0 {
				out[j][k] = o / span
			}
		}
	}
	return out
}
