package jobs

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"noiseball/core/nn"
	"noiseball/core/train"
)

// ShardRequest is what a training worker sends a helper worker for one
// gradient shard of a step (train.Helper): the network's layers, the
// step's weights and the shard.
type ShardRequest struct {
	Specs   []nn.LayerSpec
	Weights []float64
	Job     train.ShardJob
}

// shardHeader is a ShardRequest's JSON part; the weights and pixels
// follow it as bytes.
type shardHeader struct {
	Specs   []nn.LayerSpec `json:"specs"`
	Recipe  train.Recipe   `json:"recipe"`
	Batch   int            `json:"batch"`
	Labels  []int          `json:"labels"`
	Seed1   uint64         `json:"seed1"`
	Seed2   uint64         `json:"seed2"`
	Weights int            `json:"weights"`
	Pixels  int            `json:"pixels"`
}

// errShard says why an encoded shard request or result is unreadable.
var errShard = errors.New("jobs: a training shard's message is not one of this program's")

// Encode returns r as bytes: a uvarint length and the JSON header, then
// the weights as little-endian float64 bits, then the pixels.
func (r ShardRequest) Encode() []byte {
	j := r.Job
	h, err := json.Marshal(shardHeader{r.Specs, j.Recipe, j.Batch, j.Labels, j.Seed1, j.Seed2, len(r.Weights), len(j.Pixels)})
	if err != nil {
		panic("jobs: a shard request does not marshal: " + err.Error())
	}
	b := binary.AppendUvarint(nil, uint64(len(h)))
	b = append(b, h...)
	b = appendFloats(b, r.Weights)
	return append(b, j.Pixels...)
}

// DecodeShardRequest reads what Encode wrote.
func DecodeShardRequest(b []byte) (ShardRequest, error) {
	var h shardHeader
	rest, err := header(b, &h)
	if err != nil || h.Weights < 0 || h.Pixels < 0 || len(rest) != 8*h.Weights+h.Pixels || h.Batch < 1 {
		return ShardRequest{}, errShard
	}
	r := ShardRequest{Specs: h.Specs, Weights: floats(rest[:8*h.Weights]),
		Job: train.ShardJob{Recipe: h.Recipe, Batch: h.Batch, Labels: h.Labels, Seed1: h.Seed1, Seed2: h.Seed2, Pixels: rest[8*h.Weights:]}}
	return r, nil
}

// EncodeShardResult returns a shard's result as bytes: a uvarint length
// and a JSON header (loss, right, gradient length), then the gradient as
// little-endian float64 bits.
func EncodeShardResult(res train.ShardResult) []byte {
	h, _ := json.Marshal(struct {
		Loss  float64 `json:"loss"`
		Right int     `json:"right"`
		N     int     `json:"n"`
	}{res.Loss, res.Right, len(res.Grad)})
	b := binary.AppendUvarint(nil, uint64(len(h)))
	b = append(b, h...)
	return appendFloats(b, res.Grad)
}

// DecodeShardResult reads what EncodeShardResult wrote.
func DecodeShardResult(b []byte) (train.ShardResult, error) {
	var h struct {
		Loss  float64 `json:"loss"`
		Right int     `json:"right"`
		N     int     `json:"n"`
	}
	rest, err := header(b, &h)
	if err != nil || h.N < 0 || len(rest) != 8*h.N {
		return train.ShardResult{}, errShard
	}
	return train.ShardResult{Grad: floats(rest), Loss: h.Loss, Right: h.Right}, nil
}

// header decodes the length-prefixed JSON header at the start of b into
// v and returns what follows it.
func header(b []byte, v any) ([]byte, error) {
	n, k := uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, errShard
	}
	if err := json.Unmarshal(b[k:k+int(n)], v); err != nil {
		return nil, fmt.Errorf("%w: %v", errShard, err)
	}
	return b[k+int(n):], nil
}

func appendFloats(b []byte, x []float64) []byte {
	for _, v := range x {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	return b
}

func floats(b []byte) []float64 {
	x := make([]float64, len(b)/8)
	for i := range x {
		x[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return x
}
