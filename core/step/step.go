// Package step holds the one interface every long computation in core
// implements: it runs in bounded pieces and says how far it is. The
// command-line tools run a Stepper to the end with Run; the page's
// workers step it a few milliseconds at a time, answer cancel between
// steps and show its progress. A blocking function in core (such as
// noise.NoisyDistances) is its stepper run to the end, so the stepped and
// the blocking forms of a computation cannot drift apart.
package step

import "fmt"

// Stepper is a computation that runs in bounded steps.
type Stepper interface {
	// Step does a bounded amount of work (in the page, a few
	// milliseconds) and reports whether the computation is complete.
	// Calling Step after completion does nothing and reports true.
	Step() (done bool)
	// Progress returns the work done and the total, in the stepper's own
	// units, with 0 ≤ done ≤ total. The total may shrink as the work
	// finds a shortcut (a search that ends early), never below done.
	Progress() (done, total int)
}

// Run steps s until it is complete.
func Run(s Stepper) {
	for !s.Step() {
	}
}

// Fraction returns the share of s done, in [0, 1] (1 when the total is 0).
func Fraction(s Stepper) float64 {
	d, t := s.Progress()
	if t <= 0 {
		return 1
	}
	return float64(d) / float64(t)
}

// Seq runs steppers one after another: each Step steps the first
// unfinished one, so a step of Seq is as bounded as theirs. Its progress
// adds theirs.
type Seq struct {
	steps []Stepper
	next  int
}

// NewSeq returns the steppers s run in order.
func NewSeq(s ...Stepper) *Seq { return &Seq{steps: s} }

// Step steps the first unfinished stepper and reports whether all are
// complete.
func (q *Seq) Step() bool {
	if q.next < len(q.steps) && q.steps[q.next].Step() {
		q.next++
	}
	return q.next == len(q.steps)
}

// Progress adds the progress of every stepper in q.
func (q *Seq) Progress() (done, total int) {
	for _, s := range q.steps {
		d, t := s.Progress()
		if d < 0 || d > t {
			panic(fmt.Sprintf("step: progress %d of %d", d, t))
		}
		done, total = done+d, total+t
	}
	return done, total
}
