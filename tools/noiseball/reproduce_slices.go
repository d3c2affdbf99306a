package main

import (
	"fmt"
	"image/color"
	"image/png"
	"io"
	"path/filepath"

	"noiseball/core/attack"
	"noiseball/core/data"
	"noiseball/core/measure"
	"noiseball/core/nn"
	"noiseball/core/slice"
	"noiseball/core/step"
)

// writeSlices writes the Fig. 3 analog: for each model and image, the
// plane through the clean image spanned by the direction to its nearest
// error (horizontal) and a random noise direction (vertical), colored by
// predicted class with boundaries in black, the noise circle of radius
// σ√n in red and the nearest error as a black mark. It returns the file
// names written.
func writeSlices(dir string, models []string, nets map[string]*nn.Network, test *data.Set, images []int, sigma float64, seed uint64) ([]string, error) {
	const n, cell = 64, 5
	var files []string
	for _, name := range models {
		net := nets[name]
		for _, i := range images {
			x := make([]float64, test.Dim())
			y := test.Example(x, i)
			res := attack.Fast(net).Nearest(net, x, y)
			if !res.Found {
				continue
			}
			toErr := make([]float64, len(x))
			for k := range x {
				toErr[k] = res.Adv[k] - x[k]
			}
			r := measure.Rand(seed, measure.KeyFig3, name, i)
			p, err := slice.NewPlane(x, toErr, slice.RandomDirection(r, len(x)))
			if err != nil {
				return files, err
			}
			radius := slice.NoiseRadius(sigma, len(x))
			g := slice.NewGrid(net, p, n, 1.2*radius, 256)
			step.Run(g)
			img := slice.Render(g, cell, 5)
			slice.DrawCircle(img, g, cell, radius, color.RGBA{0xd0, 0x00, 0x00, 0xff})
			slice.DrawMark(img, g, cell, 0, 0, color.RGBA{0xff, 0xff, 0xff, 0xff})
			slice.DrawMark(img, g, cell, res.Distance, 0, color.RGBA{0, 0, 0, 0xff})
			file := fmt.Sprintf("fig3-%s-%d.png", name, i)
			if err := writeFileAtomic(filepath.Join(dir, file), func(w io.Writer) error { return png.Encode(w, img) }); err != nil {
				return files, err
			}
			files = append(files, file)
		}
	}
	return files, nil
}
