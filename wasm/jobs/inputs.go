package jobs

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"noiseball/core/data"
	"noiseball/core/nn"
)

// Inputs are a job's binary inputs: MNIST-sized digits and a model.
type Inputs struct {
	Labels  []byte // the digits' classes, one per digit; nil for unlabeled digits (a drawing)
	Pixels  []byte // data.MNISTPixels bytes per digit, row-major, 255 for 1
	Weights []byte // the model's safetensors file
}

// inputsMagic starts every encoded Inputs; its last byte is the
// encoding's version.
const inputsMagic = "NBI\x01"

// Digits returns how many digits in holds.
func (in Inputs) Digits() int { return len(in.Pixels) / data.MNISTPixels }

// Encode returns in as bytes: the magic, the digit count and whether the
// digits are labeled (0 or 1) as unsigned varints, the labels (if any),
// the pixels, then the weights to the end. It panics if the pixels are
// not whole digits or the labels do not match them (a caller bug).
func (in Inputs) Encode() []byte {
	n := in.Digits()
	if len(in.Pixels) != n*data.MNISTPixels || (in.Labels != nil && len(in.Labels) != n) {
		panic(fmt.Sprintf("jobs: inputs of %d pixel bytes and %d labels", len(in.Pixels), len(in.Labels)))
	}
	labeled := uint64(0)
	if in.Labels != nil {
		labeled = 1
	}
	b := make([]byte, 0, len(inputsMagic)+2*binary.MaxVarintLen64+len(in.Labels)+len(in.Pixels)+len(in.Weights))
	b = append(b, inputsMagic...)
	b = binary.AppendUvarint(b, uint64(n))
	b = binary.AppendUvarint(b, labeled)
	b = append(b, in.Labels...)
	b = append(b, in.Pixels...)
	return append(b, in.Weights...)
}

// errInputs says why encoded inputs are unreadable.
var errInputs = errors.New("the job's digits and model are not in this program's encoding: reload the page")

// DecodeInputs reads what Encode wrote; the fields share b's memory.
func DecodeInputs(b []byte) (Inputs, error) {
	if len(b) < len(inputsMagic) || string(b[:len(inputsMagic)]) != inputsMagic {
		return Inputs{}, errInputs
	}
	b = b[len(inputsMagic):]
	n, k := uvarint(b)
	if k <= 0 || n > data.MNISTTrain+data.MNISTTest {
		return Inputs{}, errInputs
	}
	b = b[k:]
	labeled, k := uvarint(b)
	if k <= 0 || labeled > 1 {
		return Inputs{}, errInputs
	}
	b = b[k:]
	nl := int(n) * int(labeled)
	np := int(n) * data.MNISTPixels
	if len(b) < nl+np {
		return Inputs{}, fmt.Errorf("the job's inputs hold %d bytes, too few for %d digits", len(b), n)
	}
	var in Inputs
	if labeled == 1 {
		in.Labels = b[:nl:nl]
	}
	in.Pixels = b[nl : nl+np : nl+np]
	in.Weights = b[nl+np:]
	return in, nil
}

// Check returns in's model, loaded, after checking what every job that
// takes digits needs: between min and max digits, labeled if labeled is
// set, with labels among the model's classes, and a model that reads
// 28×28 digits. model names the model in sentences.
func (in Inputs) Check(model string, min, max int, labeled bool) (*nn.Network, error) {
	n := in.Digits()
	switch {
	case n < min || n > max:
		return nil, fmt.Errorf("the job needs %d to %d digits, not %d", min, max, n)
	case labeled && in.Labels == nil:
		return nil, errors.New("the job's digits have no labels")
	}
	net, _, err := nn.Load(bytes.NewReader(in.Weights))
	if err != nil {
		return nil, fmt.Errorf("the weights of %s are unusable: %v", model, err)
	}
	if err := net.Accepts(nn.MNIST, data.MNISTClasses); err != nil {
		return nil, fmt.Errorf("%s cannot read MNIST's digits: %v", model, err)
	}
	for _, y := range in.Labels {
		if int(y) >= data.MNISTClasses {
			return nil, fmt.Errorf("label %d is not a digit", y)
		}
	}
	return net, nil
}
