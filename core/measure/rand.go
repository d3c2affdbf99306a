package measure

import "math/rand/v2"

// Rand returns the random source of one (experiment, model, image): a
// PCG seeded with seed mixed with the FNV-1a hash of experiment and
// model, on the stream of the image's index. The page and the
// command-line tool derive every per-image source this way, so a number
// they share is the same bit for bit.
func Rand(seed uint64, experiment, model string, image int) *rand.Rand {
	h := uint64(14695981039346656037)
	for _, s := range []string{experiment, "\x00", model} {
		for i := range len(s) {
			h = (h ^ uint64(s[i])) * 1099511628211
		}
	}
	return rand.New(rand.NewPCG(seed^h, uint64(image)))
}
