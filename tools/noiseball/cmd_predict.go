package main

import (
	"encoding/json"
	"io"
)

// prediction is the stable JSON output of 'noiseball predict'.
type prediction struct {
	Model  string      `json:"model"`
	First  int         `json:"first"`
	Labels []int       `json:"labels"`
	Logits [][]float64 `json:"logits"`
}

func runPredict(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("predict", `Prints the logits of a model for MNIST test images first..first+n-1 as
JSON: {"model":..., "first":I, "labels":[...], "logits":[[10 floats], ...]}.
Inputs are pixels/255 with no clipping or other preprocessing. Other tools
and checks rely on this interface; it is stable.`, stderr)
	model := fs.String("model", "", "weights file or zoo name")
	first := fs.Int("first", 0, "index of the first test image (0 to 9999)")
	n := fs.Int("n", 1, "number of images")
	dataDir := fs.String("data", defaultDataDir, "directory written by 'noiseball data'")
	if err := parse(fs, args); err != nil {
		return err
	}
	net, test, err := loadForTestImages(*model, *dataDir, *first, *n)
	if err != nil {
		return err
	}
	d := test.Dim()
	x := make([]float64, *n*d)
	p := prediction{Model: *model, First: *first, Labels: make([]int, *n), Logits: make([][]float64, *n)}
	idx := make([]int, *n)
	for i := range idx {
		idx[i] = *first + i
	}
	test.Batch(x, p.Labels, idx)
	logits := net.Logits(x, *n)
	k := net.Classes()
	for i := range p.Logits {
		p.Logits[i] = append([]float64(nil), logits[i*k:(i+1)*k]...)
	}
	enc := json.NewEncoder(stdout)
	return enc.Encode(p)
}
