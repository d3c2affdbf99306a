package step_test

import (
	"fmt"

	"noiseball/core/step"
)

// squares sums the squares of 1..n, one term per step.
type squares struct{ i, n, sum int }

func (s *squares) Step() bool {
	if s.i < s.n {
		s.i++
		s.sum += s.i * s.i
	}
	return s.i == s.n
}

func (s *squares) Progress() (done, total int) { return s.i, s.n }

func Example() {
	s := &squares{n: 10}
	s.Step()
	s.Step()
	fmt.Printf("%.0f%% done\n", 100*step.Fraction(s))
	step.Run(s) // the blocking form runs the stepper to the end
	fmt.Println(s.sum)
	// Output:
	// 20% done
	// 385
}
