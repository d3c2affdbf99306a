package measure

import "math/rand/v2"

// The experiments' keys in Rand: every per-image source of the page and
// the command line is spelled with one of these.
const (
	KeyFig4    = "fig4"    // Fig. 4's noisy copies, starts and certificate
	KeyFig2    = "fig2"    // Fig. 2's common noise directions
	KeyLinear  = "linear"  // reproduce's check of Eq. 1 on linear models
	KeyCorrupt = "corrupt" // reproduce's corruptions, followed by the corruption's name
	KeyFig3    = "fig3"    // the slices' noise directions (reproduce)
	KeyFig7    = "fig7"    // accuracy in noise of the defenses (reproduce)
	KeyNoise   = "noise"   // accuracy in noise of the zoo (reproduce)
	KeyDigit   = "digit"   // the page's drawn digit: noisy copies and searches
)

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
