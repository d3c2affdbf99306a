package layout

import (
	"fmt"
	"strings"
	"testing"
)

func TestProblems(t *testing.T) {
	plot := Box{X: 40, Y: 10, W: 300, H: 200, Frame: true}
	cases := []struct {
		name  string
		boxes []Box
		want  []string // substrings, one per problem, in order
	}{
		{"clear", []Box{plot, {Text: "title", X: 40, Y: 0, W: 50, H: 9}, {Text: "tick", X: 30, Y: 212, W: 20, H: 9}, {Text: "inside", X: 100, Y: 100, W: 40, H: 9}}, nil},
		{"touching within tolerance", []Box{{Text: "a", X: 0, Y: 0, W: 10, H: 10}, {Text: "b", X: 9.5, Y: 0, W: 10, H: 10}}, nil},
		{"overprint", []Box{{Text: "a", X: 0, Y: 0, W: 10, H: 10}, {Text: "b", X: 5, Y: 5, W: 10, H: 10}}, []string{`"a" overprints "b"`}},
		{"across the frame", []Box{plot, {Text: "axis", X: 30, Y: 100, W: 20, H: 9}}, []string{`"axis" crosses the border`}},
		{"frame after the label", []Box{{Text: "axis", X: 335, Y: 100, W: 20, H: 9}, plot}, []string{`"axis" crosses the border`}},
		{"clipped", []Box{{Text: "wide", X: 380, Y: 0, W: 40, H: 9}}, []string{`"wide" (380,0 40×9) leaves the 400×300 figure`}},
		// A handle is a touch area, not ink: it may lie under labels,
		// across frames and past the figure's edge.
		{"handle", []Box{plot, {Text: "d", X: 380, Y: 0, W: 44, H: 300, Handle: true}, {Text: "boundary", X: 394, Y: 4, W: 10, H: 9}},
			[]string{`"boundary" (394,4 10×9) leaves`}},
	}
	for _, c := range cases {
		got := Problems(c.boxes, 400, 300)
		if len(got) != len(c.want) {
			t.Errorf("%s: %q; want %d problems", c.name, got, len(c.want))
			continue
		}
		for i := range got {
			if !strings.Contains(got[i], c.want[i]) {
				t.Errorf("%s: %q; want it to say %s", c.name, got[i], c.want[i])
			}
		}
	}
}

func ExampleProblems() {
	boxes := []Box{
		{X: 40, Y: 10, W: 300, H: 200, Frame: true},
		{Text: "error rate in noise μ", X: 120, Y: 214, W: 110, H: 10},
		{Text: "1e-2", X: 200, Y: 212, W: 20, H: 10},
	}
	fmt.Println(Problems(boxes, 400, 240))
	// Output: ["error rate in noise μ" overprints "1e-2"]
}
