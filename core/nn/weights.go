package nn

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"

	"noiseball/core/safetensors"
)

// Metadata keys a weights file uses for the network itself. Other keys
// (recipe, metrics) pass through Save and Load untouched.
const (
	MetaArch  = "arch"  // JSON array of LayerSpec
	MetaInput = "input" // JSON [C,H,W] of one input
)

// MaxWeightBytes caps the data section Load accepts: 4 bytes per float32
// parameter at the MaxParams limit.
const MaxWeightBytes = 4 * MaxParams

// Save writes n as a safetensors file: one F32 tensor per parameter, named
// and shaped as PyTorch would (conv1.weight [out,in,kh,kw], fc.weight
// [out,in], …), and meta plus the "arch" and "input" keys in __metadata__.
func Save(w io.Writer, n *Network, meta map[string]string) error {
	m := map[string]string{}
	for k, v := range meta {
		m[k] = v
	}
	arch, err := json.Marshal(n.Specs())
	if err != nil {
		return err
	}
	in, _ := json.Marshal([]int{n.in.C, n.in.H, n.in.W})
	m[MetaArch], m[MetaInput] = string(arch), string(in)
	f := &safetensors.File{Metadata: m}
	for _, p := range n.params {
		f.Tensors = append(f.Tensors, safetensors.Tensor{Name: p.Name, Shape: p.Shape, Values: p.W})
	}
	return safetensors.Write(w, f)
}

// Load reads a network saved by Save, or by any tool that writes the same
// tensor names and an "arch" record, and returns it with the file's
// metadata. The architecture is validated before allocation; every
// parameter must be present with its exact shape and no other tensor may
// be, and every weight must be finite. Errors are *safetensors.FormatError,
// *ArchError, I/O errors or a sentence naming a non-finite tensor.
func Load(r io.Reader) (*Network, map[string]string, error) {
	f, err := safetensors.Read(r, MaxWeightBytes)
	if err != nil {
		return nil, nil, err
	}
	var specs []LayerSpec
	if err := json.Unmarshal([]byte(f.Metadata[MetaArch]), &specs); err != nil {
		return nil, nil, &ArchError{-1, fmt.Sprintf("the file's %q metadata is not a JSON array of layers: %v", MetaArch, err)}
	}
	in := MNIST
	if s, ok := f.Metadata[MetaInput]; ok {
		var dims []int
		if err := json.Unmarshal([]byte(s), &dims); err != nil || len(dims) != 3 {
			return nil, nil, &ArchError{-1, fmt.Sprintf("the file's %q metadata %q is not [C,H,W]", MetaInput, s)}
		}
		in = Shape{dims[0], dims[1], dims[2]}
	}
	n, err := New(in, specs, nil)
	if err != nil {
		return nil, nil, err
	}
	if len(f.Tensors) != len(n.params) {
		return nil, nil, &ArchError{-1, fmt.Sprintf("the file has %d tensors but its architecture has %d parameters", len(f.Tensors), len(n.params))}
	}
	for _, p := range n.params {
		t := f.Tensor(p.Name)
		if t == nil {
			return nil, nil, &ArchError{-1, fmt.Sprintf("the file has no tensor %q", p.Name)}
		}
		if !slices.Equal(t.Shape, p.Shape) {
			return nil, nil, &ArchError{-1, fmt.Sprintf("tensor %q has shape %v, the architecture needs %v", p.Name, t.Shape, p.Shape)}
		}
		for i, v := range t.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, nil, fmt.Errorf("nn: tensor %q holds %v at position %d: a model with non-finite weights computes nothing meaningful; retrain it", p.Name, v, i)
			}
		}
		copy(p.W, t.Values)
	}
	return n, f.Metadata, nil
}

// Accepts returns nil if the network reads inputs of shape in and scores
// at least classes classes (labels 0 to classes-1 must be among its
// outputs), and otherwise an error sentence saying which and what to do.
func (n *Network) Accepts(in Shape, classes int) error {
	if n.in != in {
		return fmt.Errorf("the model takes inputs of shape %v (C×H×W), not %v: its \"input\" metadata must be [%d,%d,%d]", n.in, in, in.C, in.H, in.W)
	}
	if n.Classes() < classes {
		return fmt.Errorf("the model scores %d classes, but the labels run from 0 to %d: it needs at least %d outputs", n.Classes(), classes-1, classes)
	}
	return nil
}

// RoundToFloat32 rounds every weight to the nearest float32, the precision
// of a weights file, so that a network in memory computes exactly what it
// will compute after Save and Load.
func (n *Network) RoundToFloat32() {
	for _, p := range n.params {
		for i, v := range p.W {
			p.W[i] = float64(float32(v))
		}
	}
}
