package corrupt

import "math/rand/v2"

// contrast scales the deviation from the mean by c = 0.4 … 0.05.
func contrast(dst, src []float64, s int, _ *rand.Rand) {
	c := level(s, [5]float64{0.4, 0.3, 0.2, 0.1, 0.05})
	mean := 0.0
	for _, v := range src {
		mean += v
	}
	mean /= float64(len(src))
	for i, v := range src {
		dst[i] = float64((v-mean)*c) + mean
	}
}

// brightness adds b = 0.1 … 0.5 to every pixel (clipped at 1).
func brightness(dst, src []float64, s int, _ *rand.Rand) {
	b := level(s, [5]float64{0.1, 0.2, 0.3, 0.4, 0.5})
	for i, v := range src {
		dst[i] = v + b
	}
}

// fog adds low-frequency noise of amplitude a = 0.2 … 1.0: a sum of
// random grids of 2, 4 and 8 cells per side, bilinearly upsampled, with
// amplitudes halving as the grids get finer (a plasma fractal), and then
// rescales so the digit keeps its maximum brightness.
func fog(dst, src []float64, s int, r *rand.Rand) {
	a := level(s, [5]float64{0.2, 0.35, 0.5, 0.75, 1.0})
	clear(dst)
	amp := a
	for cells := 2; cells <= 8; cells *= 2 {
		g := make([]float64, (cells+1)*(cells+1))
		for i := range g {
			g[i] = amp * r.Float64()
		}
		scale := float64(cells) / float64(Side-1)
		for y := range Side {
			for x := range Side {
				gy, gx := float64(float64(y)*scale), float64(float64(x)*scale)
				y0, x0 := min(int(gy), cells-1), min(int(gx), cells-1)
				fy, fx := gy-float64(y0), gx-float64(x0)
				v := float64((1-fy)*(float64((1-fx)*g[y0*(cells+1)+x0])+float64(fx*g[y0*(cells+1)+x0+1]))) +
					float64(fy*(float64((1-fx)*g[(y0+1)*(cells+1)+x0])+float64(fx*g[(y0+1)*(cells+1)+x0+1])))
				dst[y*Side+x] += v
			}
		}
		amp /= 2
	}
	peak := 0.0
	for _, v := range src {
		peak = max(peak, v)
	}
	for i, v := range src {
		dst[i] = (v + dst[i]) * peak / (peak + a)
	}
}
