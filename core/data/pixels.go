package data

import "math"

// BytesToPixels writes pixel bytes as values in [0,1], b/255, the way
// MNIST's files store them (dst and b of equal length).
func BytesToPixels(dst []float64, b []byte) {
	if len(dst) != len(b) {
		panic("data: BytesToPixels needs dst and b of equal length")
	}
	for i, v := range b {
		dst[i] = float64(v) / 255
	}
}

// PixelsToBytes writes pixel values as bytes, round(255·v) with v clipped
// to [0,1]; BytesToPixels undoes it exactly for values already on the
// 1/255 grid.
func PixelsToBytes(dst []byte, x []float64) {
	if len(dst) != len(x) {
		panic("data: PixelsToBytes needs dst and x of equal length")
	}
	for i, v := range x {
		dst[i] = byte(math.Round(255 * math.Min(1, math.Max(0, v))))
	}
}
