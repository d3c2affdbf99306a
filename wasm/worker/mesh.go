//go:build js && wasm

package main

import (
	"encoding/json"
	"errors"
	"syscall/js"
	"time"

	"noiseball/core/nn"
	"noiseball/core/train"
	"noiseball/wasm/jobs"
	"noiseball/wasm/port"
)

// shardWait is how long a training worker waits for a helper's shard
// before computing it itself (the same numbers): a helper busy with its
// own job answers between two of its slices, within milliseconds.
const shardWait = 60 * time.Second

// mesh is this worker's MessagePorts to the pool's other workers (the
// page joins every pair, MsgPeer): as a helper it computes training
// shards for them, in the port's message callback, between two slices
// of its own job; as a trainer it sends them shards (train.Helper) and
// waits, which lets the event loop run and deliver the answer.
type mesh struct {
	peers   []js.Value
	next    int // the peer the next shard goes to
	reqs    int // shard requests sent
	pending map[int]chan shardReply
	nets    map[string]*nn.Network // helper networks by their layers' JSON
	funcs   []js.Func
}

type shardReply struct {
	res train.ShardResult
	err error
}

func newMesh() *mesh {
	return &mesh{pending: map[int]chan shardReply{}, nets: map[string]*nn.Network{}}
}

// add takes a port to another worker.
func (m *mesh) add(p js.Value) {
	f := js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg, ok, err := port.Read(args[0].Get("data"))
		if !ok || err != nil {
			return nil
		}
		switch msg.Type {
		case jobs.MsgShard:
			port.Post(p, m.help(msg))
		case jobs.MsgShardDone, jobs.MsgFailed:
			if ch := m.pending[msg.ID]; ch != nil {
				delete(m.pending, msg.ID)
				r := shardReply{err: errors.New(msg.Error)}
				if msg.Type == jobs.MsgShardDone {
					r.res, r.err = jobs.DecodeShardResult(msg.Result)
				}
				ch <- r // buffered: never blocks the callback
			}
		}
		return nil
	})
	m.funcs = append(m.funcs, f)
	p.Set("onmessage", f)
	m.peers = append(m.peers, p)
}

// help computes a shard another worker sent and returns the answer.
func (m *mesh) help(msg jobs.Message) jobs.Message {
	fail := func(err error) jobs.Message {
		return jobs.Message{Type: jobs.MsgFailed, ID: msg.ID, Error: err.Error()}
	}
	req, err := jobs.DecodeShardRequest(msg.Params)
	if err != nil {
		return fail(err)
	}
	key, _ := json.Marshal(req.Specs)
	net := m.nets[string(key)]
	if net == nil {
		if net, err = nn.New(nn.MNIST, req.Specs, nil); err != nil {
			return fail(err)
		}
		m.nets[string(key)] = net
	}
	if err := train.SetWeights(net, req.Weights); err != nil {
		return fail(err)
	}
	if len(req.Job.Pixels) != len(req.Job.Labels)*net.InShape().Size() {
		return fail(errors.New("a shard's pixels do not match its labels"))
	}
	return jobs.Message{Type: jobs.MsgShardDone, ID: msg.ID, Result: jobs.EncodeShardResult(train.ComputeShard(net, req.Job))}
}

// helper returns the train.Helper that sends a network of layers specs'
// shards to the other workers in turn, or nil when there are none.
func (m *mesh) helper(specs []nn.LayerSpec) train.Helper {
	if len(m.peers) == 0 {
		return nil
	}
	return func(job train.ShardJob, weights []float64) func() (train.ShardResult, error) {
		p := m.peers[m.next%len(m.peers)]
		m.next++
		m.reqs++
		id := m.reqs
		ch := make(chan shardReply, 1)
		m.pending[id] = ch
		port.Post(p, jobs.Message{Type: jobs.MsgShard, ID: id, Params: jobs.ShardRequest{Specs: specs, Weights: weights, Job: job}.Encode()})
		return func() (train.ShardResult, error) {
			select {
			case r := <-ch:
				return r.res, r.err
			case <-time.After(shardWait):
				delete(m.pending, id)
				return train.ShardResult{}, errors.New("the helper did not answer")
			}
		}
	}
}
