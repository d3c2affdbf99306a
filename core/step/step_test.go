package step

import "testing"

// counter counts to n, one per step.
type counter struct{ i, n, steps int }

func (c *counter) Step() bool {
	c.steps++
	if c.i < c.n {
		c.i++
	}
	return c.i == c.n
}

func (c *counter) Progress() (int, int) { return c.i, c.n }

func TestRun(t *testing.T) {
	c := &counter{n: 5}
	Run(c)
	if c.i != 5 || c.steps != 5 {
		t.Errorf("Run stopped at %d of 5 after %d steps", c.i, c.steps)
	}
	if Fraction(c) != 1 {
		t.Errorf("Fraction %v at the end", Fraction(c))
	}
}

func TestSeq(t *testing.T) {
	a, b := &counter{n: 2}, &counter{n: 3}
	q := NewSeq(a, b)
	var fr []float64
	steps := 0
	for !q.Step() {
		steps++
		fr = append(fr, Fraction(q))
		if b.i > 0 && a.i != a.n {
			t.Fatal("Seq stepped the second before the first was done")
		}
	}
	steps++
	// Every step of Seq is one step of exactly one of its parts.
	if steps != 5 || a.steps != 2 || b.steps != 3 {
		t.Errorf("%d steps of Seq, %d and %d of its parts; want 5, 2 and 3", steps, a.steps, b.steps)
	}
	if d, tot := q.Progress(); d != 5 || tot != 5 {
		t.Errorf("progress %d of %d", d, tot)
	}
	for i := 1; i < len(fr); i++ {
		if fr[i] < fr[i-1] {
			t.Errorf("progress went back: %v", fr)
		}
	}
	if !q.Step() || a.steps != 2 || b.steps != 3 {
		t.Error("a finished Seq stepped its parts again")
	}
	if !NewSeq().Step() {
		t.Error("an empty Seq is not complete")
	}
}
