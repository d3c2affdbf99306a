package jobs

import (
	"bytes"
	"reflect"
	"testing"

	"noiseball/core/data"
)

func TestMessageRoundTrip(t *testing.T) {
	for _, m := range []Message{
		{Type: MsgReady},
		{Type: MsgRun, ID: 7, Kind: "slice", Params: []byte(`{"a":1}`), Inputs: []byte{0, 1, 2, 255}},
		{Type: MsgProgress, ID: 1 << 30, Done: 3, Total: 1000, Partial: []byte("[]")},
		{Type: MsgDone, ID: 2, Result: []byte(`{"index":-1}`)},
		{Type: MsgFailed, ID: 3, Error: "the weights of m are unusable: σ ≤ 0"},
		{Type: MsgCancel, ID: 4}, {Type: MsgCanceled, ID: 4}, {Type: MsgPause, ID: 5}, {Type: MsgResume, ID: 5}, {Type: MsgPeer, ID: 1}, {Type: MsgShard, ID: 6, Params: []byte{1, 2}}, {Type: MsgShardDone, ID: 6, Result: []byte{3}},
	} {
		b, err := m.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var got Message
		if err := got.UnmarshalBinary(b); err != nil {
			t.Fatalf("%v: %v", m.Type, err)
		}
		if !reflect.DeepEqual(got, m) {
			t.Errorf("%+v came back as %+v", m, got)
		}
	}
	if _, err := (Message{Type: MsgProgress, ID: -1}).MarshalBinary(); err == nil {
		t.Error("a negative id marshaled")
	}
}

func TestMessageRejectsGarbage(t *testing.T) {
	good, _ := Message{Type: MsgDone, ID: 2, Result: []byte("{}")}.MarshalBinary()
	for name, b := range map[string][]byte{
		"empty":          nil,
		"other magic":    append([]byte("XBM\x01"), good[4:]...),
		"other version":  append([]byte("NBM\x02"), good[4:]...),
		"unknown type":   append(append([]byte{}, good[:4]...), append([]byte{99}, good[5:]...)...),
		"truncated":      good[:len(good)-1],
		"trailing bytes": append(append([]byte{}, good...), 0),
	} {
		var m Message
		if err := m.UnmarshalBinary(b); err == nil {
			t.Errorf("%s: decoded %+v", name, m)
		}
	}
}

// FuzzMessage: no bytes crash the decoder, and what decodes encodes back
// to the same bytes.
func FuzzMessage(f *testing.F) {
	for _, m := range []Message{{Type: MsgRun, ID: 1, Kind: "bound", Params: []byte("{}"), Inputs: []byte{1}}, {Type: MsgProgress, Done: 1, Total: 2}} {
		b, _ := m.MarshalBinary()
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var m Message
		if m.UnmarshalBinary(b) != nil {
			return
		}
		again, err := m.MarshalBinary()
		if err != nil || !bytes.Equal(again, b) {
			t.Fatalf("%x decoded to %+v, encoded to %x (%v)", b, m, again, err)
		}
	})
}

func TestInputsRoundTrip(t *testing.T) {
	px := make([]byte, 3*data.MNISTPixels)
	for i := range px {
		px[i] = byte(i * 7)
	}
	for _, in := range []Inputs{
		{Labels: []byte{1, 2, 9}, Pixels: px, Weights: []byte("safetensors")},
		{Pixels: px[:data.MNISTPixels], Weights: []byte("w")},
		{Labels: []byte{}, Pixels: []byte{}},
	} {
		got, err := DecodeInputs(in.Encode())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Labels, in.Labels) || (got.Labels == nil) != (in.Labels == nil) || !bytes.Equal(got.Pixels, in.Pixels) || !bytes.Equal(got.Weights, in.Weights) {
			t.Errorf("%d digits came back as %+v", in.Digits(), got)
		}
	}
	enc := Inputs{Labels: []byte{1, 2, 9}, Pixels: px}.Encode()
	if _, err := DecodeInputs(enc[:len(enc)-1]); err == nil {
		t.Error("short pixels decoded")
	}
	if _, err := DecodeInputs(append([]byte("NBI\x02"), enc[4:]...)); err == nil {
		t.Error("another version decoded")
	}
	defer func() {
		if recover() == nil {
			t.Error("Encode accepted 3 labels for 1 digit")
		}
	}()
	Inputs{Labels: []byte{1, 2, 9}, Pixels: px[:data.MNISTPixels]}.Encode()
}

// FuzzInputs: no bytes crash the decoder; what decodes encodes back.
func FuzzInputs(f *testing.F) {
	f.Add(Inputs{Labels: []byte{3}, Pixels: make([]byte, data.MNISTPixels), Weights: []byte{1, 2}}.Encode())
	f.Add(Inputs{Pixels: make([]byte, 2*data.MNISTPixels)}.Encode())
	f.Fuzz(func(t *testing.T, b []byte) {
		in, err := DecodeInputs(b)
		if err != nil {
			return
		}
		if again := in.Encode(); !bytes.Equal(again, b) {
			t.Fatalf("%x decoded to %+v, encoded to %x", b, in, again)
		}
	})
}
