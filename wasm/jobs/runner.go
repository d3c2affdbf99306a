package jobs

import (
	"bytes"
	"fmt"
	"time"
)

// PartialEvery is the shortest time between two partial results of a job:
// each is encoded, posted and decoded on the page's main thread.
const PartialEvery = 200 * time.Millisecond

// Runner runs one job for a caller that must stay responsive: the compute
// worker, which yields to its event loop between calls to Run so a cancel
// can arrive, and the page without workers, which calls Run once per
// frame. Both get the same messages in the same order for the same job.
type Runner struct {
	id       int
	req      Message // the Run message, until the job starts
	job      Job
	err      error // from Start
	now      func() time.Time
	partial  []byte    // the last partial result sent
	sentAt   time.Time // when it was sent
	canceled bool
	finished bool
}

// NewRunner returns the runner of the Run message m. The job starts (see
// Start) in the first Run, so a job canceled while queued never loads its
// model; a job that cannot start reports MsgFailed. now is the clock
// (time.Now; tests pass their own).
func NewRunner(m Message, now func() time.Time) *Runner {
	if m.Type != MsgRun {
		panic("jobs: a runner for a " + m.Type.String() + " message")
	}
	return &Runner{id: m.ID, req: m, now: now}
}

// ID returns the job's number.
func (r *Runner) ID() int { return r.id }

// Cancel asks the job to stop: the next Run reports MsgCanceled without
// stepping.
func (r *Runner) Cancel() { r.canceled = true }

// Finished reports whether Run has returned the job's last message.
func (r *Runner) Finished() bool { return r.finished }

// Run steps the job until it completes or budget has passed (at least one
// step), and returns the message to report: MsgProgress, with the result
// so far when the kind has partial results, at least PartialEvery has
// passed since the last one and it changed; or the last message,
// MsgDone, MsgFailed or MsgCanceled, after which Finished reports true. A
// panic in the job is reported as MsgFailed.
func (r *Runner) Run(budget time.Duration) (m Message) {
	if r.finished {
		panic("jobs: Run after the job's last message")
	}
	if r.canceled {
		return r.last(Message{Type: MsgCanceled})
	}
	defer func() {
		if p := recover(); p != nil {
			m = r.last(Message{Type: MsgFailed, Error: fmt.Sprintf("the computation failed (%v); reload the page and try other settings", p)})
		}
	}()
	if r.job == nil {
		r.job, r.err = Start(r.req)
		r.req = Message{}
		if r.err != nil {
			return r.last(Message{Type: MsgFailed, Error: r.err.Error()})
		}
	}
	start := r.now()
	for !r.job.Step() {
		if r.now().Sub(start) < budget {
			continue
		}
		done, total := r.job.Progress()
		m = Message{Type: MsgProgress, ID: r.id, Done: done, Total: total}
		if now := r.now(); r.partial == nil || now.Sub(r.sentAt) >= PartialEvery {
			if p := r.job.Partial(); p != nil && !bytes.Equal(p, r.partial) {
				m.Partial, r.partial, r.sentAt = p, p, now
			}
		}
		return m
	}
	res, err := r.job.Result()
	if err != nil {
		return r.last(Message{Type: MsgFailed, Error: err.Error()})
	}
	return r.last(Message{Type: MsgDone, Result: res})
}

// last marks the runner finished and returns m for its job.
func (r *Runner) last(m Message) Message {
	r.finished = true
	m.ID = r.id
	return m
}
