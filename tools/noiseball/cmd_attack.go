package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"noiseball/core/attack"
	"noiseball/core/noise"
)

// attackRecord is one line of the stable JSON output of 'noiseball
// attack'. Distance is null when no error was found.
type attackRecord struct {
	Index    int      `json:"index"`
	Label    int      `json:"label"`
	Distance *float64 `json:"distance"`
	Method   string   `json:"method"`
	// -from noisy only.
	Sigma   float64     `json:"sigma,omitempty"`
	Mu      *float64    `json:"mu,omitempty"`
	MuCI    *[2]float64 `json:"mu_ci,omitempty"` // Clopper-Pearson 95%
	Bound   *float64    `json:"bound,omitempty"` // null when mu = 0 (no finite bound)
	Samples int         `json:"samples,omitempty"`
	Count   *int        `json:"count,omitempty"`
}

func runAttack(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("attack", `Finds the nearest error (smallest L2 perturbation that changes the
prediction) for MNIST test images first..first+n-1 and prints a JSON array,
one record per image: {"index":..., "label":..., "distance":..., "method":...}.
Distances are L2 in pixel units (pixels in [0,1]); searches give upper bounds.

-method: exact (linear models only: min over classes j of
(z_y - z_j)/||w_y - w_j||), search (DeepFool, then a binary search on the
radius with PGD, then a line search to the boundary), deepfool, or pgd (the
paper's protocol: 200 L2 steps of eps/150, stop at the first error). The
default is the tightest available: exact for linear models, search otherwise.

-from noisy measures the paper's Fig. 4 quantity instead: mu at -sigma from
-rate-samples noisy copies, then the median distance over up to -samples
correctly classified noisy starts ("count" says how many); mu >= 1/2 gives 0.
The record adds sigma, mu with its 95% Clopper-Pearson interval mu_ci, the
bound -sigma*Phi^-1(mu) (absent when mu = 0: no finite bound), samples and
count.`, stderr)
	model := fs.String("model", "", "weights file or zoo name")
	first := fs.Int("first", 0, "index of the first test image")
	n := fs.Int("n", 1, "number of images")
	from := fs.String("from", "clean", "clean or noisy")
	method := fs.String("method", "", "exact, search, deepfool or pgd (default: the tightest)")
	eps := fs.Float64("eps", 10, "pgd: radius of the L2 ball; search: largest radius tried")
	sigma := fs.Float64("sigma", 0.3, "noisy: noise standard deviation")
	samples := fs.Int("samples", 20, "noisy: noisy starts to search from")
	rateSamples := fs.Int("rate-samples", 1000, "noisy: noisy copies to estimate mu")
	seed := fs.Uint64("seed", 1, "noisy: random seed of the noise")
	dataDir := fs.String("data", defaultDataDir, "directory written by 'noiseball data'")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *from != "clean" && *from != "noisy" {
		return &usageError{fmt.Sprintf("-from %q: want clean or noisy", *from)}
	}
	if err := firstError(checkFloat("eps", *eps, 0, 1000), checkFloat("sigma", *sigma, 0, 10),
		checkInt("samples", *samples, 1, 10000), checkInt("rate-samples", *rateSamples, 1, 1_000_000)); err != nil {
		return err
	}
	net, test, err := loadForTestImages(*model, *dataDir, *first, *n)
	if err != nil {
		return err
	}
	_, linearErr := attack.LinearNearest(net, make([]float64, net.InShape().Size()), 0)
	if *method == "" {
		*method = "search"
		if linearErr == nil {
			*method = "exact"
		}
	}
	search := attack.DefaultSearch
	search.MaxEps = *eps
	var find attack.Finder
	switch *method {
	case "exact":
		if linearErr != nil {
			return &usageError{fmt.Sprintf("-method exact needs a linear model; %q is not one (%v)", *model, linearErr)}
		}
		find = attack.Exact{}
	case "search":
		find = search
	case "deepfool":
		find = attack.DeepFool{MaxIter: 50, Overshoot: 0.02}
	case "pgd":
		find = attack.AuthorsPGD{Eps: *eps}
	default:
		return &usageError{fmt.Sprintf("-method %q: want exact, search, deepfool or pgd", *method)}
	}

	x := make([]float64, test.Dim())
	records := make([]attackRecord, 0, *n)
	start, last := time.Now(), time.Now()
	for i := *first; i < *first+*n; i++ {
		y := test.Example(x, i)
		rec := attackRecord{Index: i, Label: y, Method: *method}
		if *from == "clean" {
			if r := find.Nearest(net, x, y); r.Found {
				rec.Distance = &r.Distance
			}
		} else {
			// One generator per image, so an image's numbers do not depend
			// on which images came before it.
			r := rand.New(rand.NewPCG(*seed, uint64(i)))
			res := noise.NoisyDistances(net, x, y, noise.DistanceParams{Sigma: *sigma, RateSamples: *rateSamples, Starts: *samples, Find: find}, r)
			mu, count := res.Rate.Mu(), len(res.Values)
			ci := res.Rate.CI(0.95)
			rec.Sigma, rec.Mu, rec.MuCI, rec.Samples, rec.Count = *sigma, &mu, &[2]float64{ci.Lo, ci.Hi}, *samples, &count
			if !math.IsInf(res.Bound, 0) {
				rec.Bound = &res.Bound
			}
			rec.Distance = &res.Median
		}
		records = append(records, rec)
		if time.Since(last) > 5*time.Second {
			last = time.Now()
			done := i - *first + 1
			fmt.Fprintf(stderr, "attack: %d/%d images, %.1f s per image\n", done, *n, time.Since(start).Seconds()/float64(done))
		}
	}
	enc := json.NewEncoder(stdout)
	return enc.Encode(records)
}
