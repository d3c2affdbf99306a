package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"

	"noiseball/core/compare"
	"noiseball/core/compare/meter"
)

// compareSettings are the compare command's -settings choices.
var compareSettings = map[string]compare.Settings{"page": compare.Page, "quick": compare.Quick, "full": compare.Full}

func runCompare(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("compare", `Measures one model as the paper compares models: clean accuracy,
accuracy in Gaussian noise against sigma, under the corruption suite,
under L2 and Linf PGD against eps, and the median distance to the nearest
error, on the first MNIST test digits. It prints the result as JSON, as
the page's compare scene measures it: -settings page gives the page's
"measured here" numbers for the same model (the same bits), full those of
'noiseball reproduce'.`, stderr)
	model := fs.String("model", "", "a .safetensors file or a zoo name ("+zooNames()+")")
	which := fs.String("settings", "page", "page, quick or full")
	name := fs.String("name", "", "the name that keys the random draws (default: -model; the page uses the zoo name, or file for your model)")
	workers := fs.Int("workers", runtime.NumCPU(), "goroutines (changes speed, not results)")
	dataDir := fs.String("data", defaultDataDir, "directory written by 'noiseball data'")
	if err := parse(fs, args); err != nil {
		return err
	}
	s, ok := compareSettings[*which]
	if !ok {
		return &usageError{fmt.Sprintf("-settings %q: want page, quick or full", *which)}
	}
	if err := checkInt("workers", *workers, 1, 256); err != nil {
		return err
	}
	net, test, err := loadForTestImages(*model, *dataDir, 0, max(s.CleanImages, s.NoiseImages, s.CorruptImages, s.PGDImages, s.NearestImages))
	if err != nil {
		return err
	}
	if *name == "" {
		*name = *model
	}
	fmt.Fprintf(stderr, "compare: measuring %s with the %s settings on %d goroutines…\n", *model, *which, *workers)
	res := meter.NewMeter(*name, net, test, s).RunParallel(*workers)
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}
