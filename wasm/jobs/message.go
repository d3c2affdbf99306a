package jobs

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Type is what a Message asks or reports.
type Type byte

// The message types. Page to worker: MsgRun, MsgCancel, MsgPause,
// MsgResume, MsgPeer. Worker to worker: MsgShard, MsgShardDone (and
// MsgFailed). Worker to page:
// MsgReady, MsgProgress, MsgDone, MsgFailed, MsgCanceled. The page's own
// runner (no workers) reports with the same last four.
const (
	MsgRun       Type = iota + 1 // start job ID: Kind, Params, Inputs
	MsgCancel                    // stop job ID
	MsgReady                     // the worker has started and takes jobs
	MsgProgress                  // job ID has done Done of Total; Partial, if set, is its result so far
	MsgDone                      // job ID finished with Result
	MsgFailed                    // job ID failed with the sentence Error
	MsgCanceled                  // job ID stopped on request
	MsgPause                     // hold job ID between steps, keeping its state
	MsgResume                    // go on with job ID
	MsgPeer                      // the event's MessagePort reaches worker ID of the pool
	MsgShard                     // compute training shard ID: Params, a ShardRequest
	MsgShardDone                 // shard ID's result: Result, an encoded train.ShardResult
)

var typeNames = [...]string{MsgRun: "run", MsgCancel: "cancel", MsgReady: "ready", MsgProgress: "progress", MsgDone: "done", MsgFailed: "failed", MsgCanceled: "canceled", MsgPause: "pause", MsgResume: "resume",
	MsgPeer: "peer", MsgShard: "shard", MsgShardDone: "shard done"}

func (t Type) String() string {
	if int(t) < len(typeNames) && typeNames[t] != "" {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", byte(t))
}

// Message is one message between the page and a compute worker, in
// either direction. Fields a type does not use are zero.
type Message struct {
	Type    Type
	ID      int    // the job, numbered by the page
	Kind    string // Run: the kind's name; Ready: the matrix kernel the worker computes with (gemm.Kernel)
	Params  []byte // Run: the parameters, JSON of the kind's P
	Inputs  []byte // Run: an encoded Inputs, or nil
	Done    int    // Progress: work done, in the job's units
	Total   int    // Progress: the job's total
	Partial []byte // Progress: JSON of the result so far, or nil
	Result  []byte // Done: JSON of the kind's R
	Error   string // Failed: what went wrong, a sentence
}

// messageMagic starts every encoded Message; its last byte is the
// encoding's version.
const messageMagic = "NBM\x01"

// MaxMessage bounds an encoded message's length, and so what
// UnmarshalBinary allocates: 256 MiB, far above the page's largest job
// (2,000 digits and a model, about 2 MB).
const MaxMessage = 256 << 20

// MarshalBinary encodes m: the magic, the type, then ID, Done and Total
// as unsigned varints, then Kind, Params, Inputs, Partial, Result and
// Error, each as an unsigned-varint length and its bytes.
func (m Message) MarshalBinary() ([]byte, error) {
	if m.ID < 0 || m.Done < 0 || m.Total < 0 {
		return nil, fmt.Errorf("jobs: a message with id %d, progress %d of %d", m.ID, m.Done, m.Total)
	}
	b := make([]byte, 0, len(messageMagic)+1+3*binary.MaxVarintLen64+len(m.Kind)+len(m.Params)+len(m.Inputs)+len(m.Partial)+len(m.Result)+len(m.Error)+6*binary.MaxVarintLen64)
	b = append(b, messageMagic...)
	b = append(b, byte(m.Type))
	for _, v := range []int{m.ID, m.Done, m.Total} {
		b = binary.AppendUvarint(b, uint64(v))
	}
	for _, f := range [][]byte{[]byte(m.Kind), m.Params, m.Inputs, m.Partial, m.Result, []byte(m.Error)} {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	return b, nil
}

// errMessage says why an encoded message is unreadable.
var errMessage = errors.New("jobs: the message is not one of this program's: reload the page")

// UnmarshalBinary decodes what MarshalBinary wrote. Byte fields share
// b's memory.
func (m *Message) UnmarshalBinary(b []byte) error {
	if len(b) > MaxMessage || len(b) < len(messageMagic)+1 || string(b[:len(messageMagic)]) != messageMagic {
		return errMessage
	}
	var out Message
	out.Type = Type(b[len(messageMagic)])
	if out.Type < MsgRun || out.Type > MsgShardDone {
		return errMessage
	}
	b = b[len(messageMagic)+1:]
	for _, p := range []*int{&out.ID, &out.Done, &out.Total} {
		v, n := uvarint(b)
		if n <= 0 || v > 1<<31 {
			return errMessage
		}
		*p, b = int(v), b[n:]
	}
	var fields [6][]byte
	for i := range fields {
		v, n := uvarint(b)
		if n <= 0 || v > uint64(len(b)-n) {
			return errMessage
		}
		if v > 0 {
			fields[i] = b[n : n+int(v) : n+int(v)]
		}
		b = b[n+int(v):]
	}
	if len(b) != 0 {
		return errMessage
	}
	out.Kind, out.Params, out.Inputs, out.Partial, out.Result, out.Error = string(fields[0]), fields[1], fields[2], fields[3], fields[4], string(fields[5])
	*m = out
	return nil
}

// uvarint is binary.Uvarint accepting only the shortest encoding, so
// every value has one encoding and a decoded message encodes back to the
// same bytes; n ≤ 0 means no valid varint.
func uvarint(b []byte) (v uint64, n int) {
	v, n = binary.Uvarint(b)
	if n > 0 && n != len(binary.AppendUvarint(nil, v)) {
		return 0, -1
	}
	return v, n
}
