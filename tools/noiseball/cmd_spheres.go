package main

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"time"

	"noiseball/core/spheres"
	"noiseball/core/step"
	"noiseball/core/train"
)

func runSpheres(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("spheres", `Trains a ReLU network on Adversarial Spheres (Gilmer et al. 2018): points
uniform on the sphere of radius 1 (class 0) and of radius -R (class 1) in
-n dimensions. Then it measures, on the inner sphere, the error rate mu
(uniform points, with a 95% interval) and the mean distance from correctly
classified points to their nearest errors on that sphere (a search kept
on it: off it, the nearest error is across the gap between the spheres,
whatever mu), beside the isoperimetric optimum: no error set of measure
mu on the sphere lies farther on average than a spherical cap of that
measure, D_cap(mu)/(1-mu) over the correct points. Progress goes to
stderr, the numbers to stdout.`, stderr)
	n := fs.Int("n", 500, "dimension, 2 to 1000")
	outer := fs.Float64("R", 1.3, "radius of the outer sphere (class 1), above 1")
	hidden := fs.String("hidden", "100,100", "hidden layer sizes of the ReLU network, comma separated")
	count := fs.Int("train", 50000, "training points")
	recipe := train.Defaults("clean")
	recipe.Epochs = 2
	fs.IntVar(&recipe.Epochs, "epochs", recipe.Epochs, "passes over the training points")
	fs.IntVar(&recipe.Batch, "batch", recipe.Batch, "mini-batch size")
	fs.Float64Var(&recipe.LR, "lr", recipe.LR, "peak learning rate (Adam, cosine schedule)")
	s := spheres.DefaultSettings
	fs.IntVar(&s.Samples, "samples", s.Samples, "points of the inner sphere classified to estimate mu")
	fs.IntVar(&s.Points, "points", s.Points, "correctly classified points whose nearest error is searched")
	seed := fs.Uint64("seed", 1, "random seed: training points, initialization, order, measurement")
	workers := fs.Int("workers", runtime.NumCPU(), "goroutines per batch (changes speed, not results)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := firstError(checkInt("n", *n, 2, 1000), checkFloat("R", *outer, 1.0001, 10), checkInt("train", *count, 100, 10_000_000),
		checkInt("epochs", recipe.Epochs, 1, 1000), checkInt("batch", recipe.Batch, 2, 4096), checkFloat("lr", recipe.LR, 1e-8, 10),
		checkInt("samples", s.Samples, 1, 100_000_000), checkInt("points", s.Points, 0, 100_000), checkInt("workers", *workers, 1, 256)); err != nil {
		return err
	}
	sizes, err := parseHidden(*hidden)
	if err != nil {
		return err
	}
	recipe.Seed, s.Seed = *seed, *seed
	run, err := spheres.NewRun(spheres.Config{N: *n, R: *outer, Hidden: sizes, Points: *count, Recipe: recipe, Measure: s})
	if err != nil {
		return err
	}
	run.Train.Workers = *workers
	fmt.Fprintf(stderr, "spheres: n = %d, R = %g: a ReLU network %v with %d parameters, %d training points, %d epochs\n",
		*n, *outer, sizes, run.Net.NumParams(), run.Set.N, recipe.Epochs)
	start := time.Now()
	last := start
	var trained time.Duration
	for !run.Step() {
		if trained == 0 && run.Train.Done() {
			trained = time.Since(start)
		}
		if now := time.Now(); now.Sub(last) >= 5*time.Second {
			last = now
			p := run.Train.State()
			fmt.Fprintf(stderr, "spheres: %5.1f%% (training loss %.4f, accuracy %.2f%%)\n", 100*step.Fraction(run), p.Loss, 100*p.Accuracy)
		}
	}
	final := run.Train.State()
	set := run.Set
	res := run.Meter.Result()
	fmt.Fprintf(stdout, "Adversarial spheres, n = %d, radii 1 and %g: ReLU network %v trained on %d points for %d epochs in %s (last epoch: loss %.4f, accuracy %.2f%%)\n",
		*n, *outer, sizes, set.N, recipe.Epochs, trained.Round(time.Second), final.Loss, 100*final.Accuracy)
	fmt.Fprintf(stdout, "error rate on the inner sphere: mu = %.4g (95%%: %.4g to %.4g) from %d uniform points\n", res.Mu, res.MuCI.Lo, res.MuCI.Hi, res.Samples)
	found := 0
	for _, d := range res.Distances {
		if !math.IsInf(d, 1) {
			found++
		}
	}
	fmt.Fprintf(stdout, "mean distance (chord) to the nearest error on the inner sphere from %d correctly classified points (%d found): %.4g (95%%: %.4g to %.4g)\n",
		len(res.Distances), found, res.Mean, res.MeanCI.Lo, res.MeanCI.Hi)
	switch {
	case res.Errors == 0:
		fmt.Fprintf(stdout, "no sampled point erred, so no finite bound follows: the error set's measure is below %.4g (95%%)\n", res.MuCI.Hi)
	case res.Errors == res.Samples:
		fmt.Fprintln(stdout, "every sampled point erred: the network reads the whole inner sphere as class 1")
	default:
		fmt.Fprintf(stdout, "isoperimetric bound for an error set of measure mu: D_cap(mu)/(1-mu) = %.4g (large-n form %.4g); measured mean / bound = %.3g\n",
			res.Bound, spheres.CapMeanDistanceLargeN(res.Mu, *n)/(1-res.Mu), res.Mean/res.Bound)
	}
	return nil
}
