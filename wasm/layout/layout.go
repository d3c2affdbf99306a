// Package layout checks the text layout of a figure as the page drew
// it: the ink boxes of its labels and the rectangles of its plot frames,
// in CSS pixels from the figure's top left corner. A label must not
// overprint another, cross a frame's border (it lies wholly inside a
// plot or wholly outside it) or leave the figure.
package layout

import "fmt"

// Box is a label's ink, a plot's frame or a handle: the area where a
// touch grabs the figure (a drag there moves what it holds; a touch
// anywhere else scrolls the page).
type Box struct {
	Text   string  `json:"text,omitempty"` // a label's text, or what a handle moves; "" for a frame
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	W      float64 `json:"w"`
	H      float64 `json:"h"`
	Frame  bool    `json:"frame,omitempty"`
	Handle bool    `json:"handle,omitempty"`
}

// Tolerance is how far, in CSS pixels, boxes may overlap before it counts
// (anti-aliased ink fades at its edges).
const Tolerance = 0.75

// overlap reports whether a and b share more than Tolerance in both axes.
func overlap(a, b Box) bool {
	return min(a.X+a.W, b.X+b.W)-max(a.X, b.X) > Tolerance && min(a.Y+a.H, b.Y+b.H)-max(a.Y, b.Y) > Tolerance
}

// inside reports whether a lies within b, up to Tolerance.
func inside(a, b Box) bool {
	return a.X >= b.X-Tolerance && a.Y >= b.Y-Tolerance && a.X+a.W <= b.X+b.W+Tolerance && a.Y+a.H <= b.Y+b.H+Tolerance
}

// Figure is what the page publishes for its tests (noiseball.layout, as
// JSON): the figure's size and every box drawn in it, in CSS pixels.
type Figure struct {
	W     float64 `json:"w"`
	H     float64 `json:"h"`
	Boxes []Box   `json:"boxes"`
}

// Problems lists, one sentence each, every label that overprints
// another, crosses a frame's border or leaves the w×h figure. Handles
// are not drawn text and are left out.
func Problems(boxes []Box, w, h float64) []string {
	var out []string
	fig := Box{W: w, H: h}
	for i, a := range boxes {
		if a.Frame || a.Handle {
			continue
		}
		if !inside(a, fig) {
			out = append(out, fmt.Sprintf("%q (%.0f,%.0f %.0f×%.0f) leaves the %.0f×%.0f figure", a.Text, a.X, a.Y, a.W, a.H, w, h))
		}
		for j, b := range boxes {
			switch {
			case b.Handle:
			case b.Frame && overlap(a, b) && !inside(a, b):
				out = append(out, fmt.Sprintf("%q crosses the border of the plot at (%.0f,%.0f %.0f×%.0f)", a.Text, b.X, b.Y, b.W, b.H))
			case !b.Frame && j > i && overlap(a, b):
				out = append(out, fmt.Sprintf("%q overprints %q", a.Text, b.Text))
			}
		}
	}
	return out
}
