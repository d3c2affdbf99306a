package jobs

import (
	"math"
	"reflect"
	"testing"

	"noiseball/core/nn"
	"noiseball/core/train"
)

// TestShardRoundTrip: a shard request and a result come back as sent,
// every float to the bit (NaN and -0 included); cut or padded bytes are
// errors.
func TestShardRoundTrip(t *testing.T) {
	r := ShardRequest{Specs: nn.LinearArch(nn.MNIST, 10), Weights: []float64{1.5, math.Copysign(0, -1), math.Inf(1), 1e-300},
		Job: train.ShardJob{Recipe: train.Defaults("gauss"), Batch: 32, Pixels: []byte{0, 255, 7}, Labels: []int{3}, Seed1: 1 << 63, Seed2: 9}}
	b := r.Encode()
	back, err := DecodeShardRequest(b)
	if err != nil || !reflect.DeepEqual(back, r) {
		t.Errorf("request: %+v, %v", back, err)
	}
	res := train.ShardResult{Grad: []float64{math.NaN(), -2, 0.1}, Loss: 2.3025850929940455, Right: 4}
	rb := EncodeShardResult(res)
	got, err := DecodeShardResult(rb)
	if err != nil || len(got.Grad) != 3 || !math.IsNaN(got.Grad[0]) || got.Grad[2] != 0.1 || got.Loss != res.Loss || got.Right != 4 {
		t.Errorf("result: %+v, %v", got, err)
	}
	for _, bad := range [][]byte{b[:len(b)-1], append(append([]byte(nil), b...), 0), nil, {200}} {
		if _, err := DecodeShardRequest(bad); err == nil {
			t.Errorf("%d bytes decoded", len(bad))
		}
	}
	if _, err := DecodeShardResult(rb[:len(rb)-3]); err == nil {
		t.Error("a cut result decoded")
	}
}

// FuzzDecodeShard: any bytes decode to an error or to a request that
// encodes back to them.
func FuzzDecodeShard(f *testing.F) {
	f.Add(ShardRequest{Specs: nn.LinearArch(nn.MNIST, 10), Weights: []float64{1}, Job: train.ShardJob{Batch: 2, Pixels: []byte{1}, Labels: []int{0}}}.Encode())
	f.Add(EncodeShardResult(train.ShardResult{Grad: []float64{1, 2}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		if r, err := DecodeShardRequest(b); err == nil {
			if _, err := DecodeShardRequest(r.Encode()); err != nil {
				t.Errorf("a decoded request does not decode again: %v", err)
			}
		}
		if res, err := DecodeShardResult(b); err == nil && len(res.Grad)*8 > len(b) {
			t.Errorf("%d floats from %d bytes", len(res.Grad), len(b))
		}
	})
}
