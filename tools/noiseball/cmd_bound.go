package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync/atomic"
	"time"

	"noiseball/core/measure"
)

func runBound(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("bound", `Measures the paper's Figs. 2 and 4 on MNIST test images 0..n-1 for one
model, exactly as the page's "distance against the bound" scene does (same
code, same seeds): per image, mu at -sigma from -rate-samples noisy copies
with its 95% interval, the median L2 distance from up to -starts correctly
classified noisy points to their nearest errors beside the bound
-sigma*Phi^-1(mu), the randomized-smoothing radius certified at the clean
image, the sigma at which mu reaches 1% (bisection over -fig2-samples
common noise directions) and the clean nearest-error distance. Infinite or
undefined values are written as -1.

Writes the series as JSON to -out (stdout when empty) and a summary to
stderr. The page ships these files for the zoo as precomputed results:
  noiseball bound -model NAME -n 100 -out site/assets/results/bound-NAME.json`, stderr)
	model := fs.String("model", "", "weights file or zoo name")
	n := fs.Int("n", 20, "number of test images, from index 0")
	d := measure.DefaultSettings
	sigma := fs.Float64("sigma", d.Sigma, "noise standard deviation of Fig. 4")
	rateSamples := fs.Int("rate-samples", d.RateSamples, "noisy copies for mu and for the smoothing certificate")
	starts := fs.Int("starts", d.Starts, "correctly classified noisy starts searched per image")
	fig2Samples := fs.Int("fig2-samples", d.Fig2Samples, "common noise directions of Fig. 2's bisection")
	seed := fs.Uint64("seed", d.Seed, "random seed")
	workers := fs.Int("workers", runtime.NumCPU(), "goroutines")
	out := fs.String("out", "", "JSON file to write (default stdout)")
	dataDir := fs.String("data", defaultDataDir, "directory written by 'noiseball data'")
	if err := parse(fs, args); err != nil {
		return err
	}
	s := measure.Settings{Sigma: *sigma, RateSamples: *rateSamples, Starts: *starts, Fig2Samples: *fig2Samples, Seed: *seed}
	if err := s.Validate(); err != nil {
		return &usageError{"the settings are out of range: " + err.Error()}
	}
	if err := checkInt("workers", *workers, 1, 256); err != nil {
		return err
	}
	net, test, err := loadForTestImages(*model, *dataDir, 0, *n)
	if err != nil {
		return err
	}
	if *out != "" {
		if err := checkWritable("out", *out, false); err != nil {
			return err
		}
	}
	series := measure.Series{Model: *model, Settings: s, Points: make([]measure.Point, *n)}
	ms := clones(net, *workers)
	start := time.Now()
	var done atomic.Int64
	stop := make(chan struct{})
	go func() {
		tick := time.NewTicker(5 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				k := done.Load()
				eta := "?"
				if k > 0 {
					eta = fmt.Sprintf("%.0f s", time.Since(start).Seconds()/float64(k)*float64(int64(*n)-k))
				}
				fmt.Fprintf(stderr, "bound: %d/%d images, about %s left\n", k, *n, eta)
			}
		}
	}()
	parallel(*n, *workers, func(w, i int) {
		x := make([]float64, test.Dim())
		y := test.Example(x, i)
		series.Points[i] = measure.Run(ms[w], *model, i, x, y, s)
		done.Add(1)
	})
	close(stop)
	sum := measure.Summarize(series.Points)
	fmt.Fprintf(stderr, "bound: %s, %d images in %.1f s: median distance/bound %.3f over %d images (%d within %.2f× the bound, %d above it beyond both intervals); median d/σ₁%% %.3f over %d (2.326 for a half-space); %d certified, median radius %.3f\n",
		*model, *n, time.Since(start).Seconds(), sum.MedianRatio, sum.Ratios, sum.Near, measure.NearFactor, sum.Above, sum.Fig2Ratio, sum.Fig2, sum.Certified, sum.MedianCertR)
	if *out != "" {
		return writeFileAtomic(*out, func(w io.Writer) error { return encodeSeries(w, series) })
	}
	return encodeSeries(stdout, series)
}

// encodeSeries writes a series as one line of JSON.
func encodeSeries(w io.Writer, s measure.Series) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
