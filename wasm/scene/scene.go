// Package scene holds the page's scenes as plain Go, testable anywhere:
// their URL parameters (declared with package state), the models behind
// the pictures, the numbers the page reads out, and the CSV and JSON
// exports. The Ebiten app draws them and the compute worker runs their
// long jobs; neither holds a number of its own.
//
// Distances are L2 in the units of σ (for MNIST scenes, pixels in [0,1]).
package scene

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"noiseball/core/stats"
	"strconv"
	"strings"

	"noiseball/wasm/state"
)

// Scene ids, stable because course pages link to them.
const (
	NoiseBallID    = "noiseball"
	IsoperimetryID = "isoperimetry"
)

// Scenes lists every scene's declaration; the first is the page's default.
var Scenes = []state.Scene{noiseBallScene, isoScene, sliceScene, boundScene, digitScene, playgroundScene, spheresScene, trainScene, compareScene}

// Find returns the declaration of the scene id (a caller bug panics).
func Find(id string) *state.Scene {
	for i := range Scenes {
		if Scenes[i].ID == id {
			return &Scenes[i]
		}
	}
	panic("scene: no scene " + id)
}

var seedParam = state.Param{Name: "seed", Label: "Seed", Help: "The random seed: the same seed draws the same noise.",
	Kind: state.Integer, Min: 1, Max: 1e9, Step: 1, Default: "1"}

// Float is a float64 whose non-finite values travel through JSON as null
// (read back as +Inf): the bound of a set no noisy point hit is infinite.
type Float float64

// MarshalJSON writes the number, or null when it is not finite.
func (f Float) MarshalJSON() ([]byte, error) {
	if math.IsInf(float64(f), 0) || math.IsNaN(float64(f)) {
		return []byte("null"), nil
	}
	return []byte(state.FormatNumber(float64(f))), nil
}

// UnmarshalJSON reads a number, or null as +Inf.
func (f *Float) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*f = Float(math.Inf(1))
		return nil
	}
	var x float64
	if _, err := fmt.Sscan(string(b), &x); err != nil {
		return fmt.Errorf("scene: %q is not a number", b)
	}
	*f = Float(x)
	return nil
}

// About reads a duration in seconds as a person would say it: "about
// 8 s", "about 4 min", "about 2 h 10 min".
func About(seconds float64) string {
	switch s := math.Round(seconds); {
	case s < 90:
		return fmt.Sprintf("about %.0f s", math.Max(s, 1))
	case s < 90*60:
		return fmt.Sprintf("about %.0f min", math.Round(s/60))
	default:
		m := math.Round(s / 60)
		return fmt.Sprintf("about %.0f h %.0f min", math.Floor(m/60), math.Mod(m, 60))
	}
}

// Num formats a measured number for reading: four significant digits,
// "∞" for +Inf, scientific below 10⁻³.
func Num(x float64) string {
	switch {
	case x == 0:
		return "0" // also -0, which would print "-0"
	case math.IsInf(x, 1):
		return "∞"
	case x != 0 && math.Abs(x) < 1e-3:
		return fmt.Sprintf("%.3g", x)
	}
	return fmt.Sprintf("%.4g", x)
}

// Relevant reports whether the parameter name applies in state s of the
// scene id; the page hides the controls of those that do not.
func Relevant(id string, s state.State, name string) bool {
	if id == PlaygroundID {
		return name != "tsigma" && name != "eps" || name == "tsigma" && s.Values["train"] == "gauss" || name == "eps" && s.Values["train"] == "pgd"
	}
	if id == TrainID {
		return trainRelevant(s, name)
	}
	if id == BoundID {
		return name != "smooth" || s.Values["view"] == "fig4"
	}
	if id != IsoperimetryID {
		return true
	}
	shape := s.Values["shape"]
	switch name {
	case "r":
		return shape == "disk" || shape == "blobs"
	case "half":
		return shape == "wedge"
	case "width":
		return shape == "stripes"
	case "grow":
		return shape == "paint"
	case "angle", "dist":
		return shape != "paint"
	}
	return true
}

// writeJSON writes v, a struct, as a JSON object with "scene": id as its
// first field, indented when indent is set (the small exports) and on one
// line otherwise (a slice's thousands of numbers).
func writeJSON(w io.Writer, id string, v any, indent bool) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if len(b) < 2 || b[0] != '{' {
		panic("scene: writeJSON of a value that is not an object")
	}
	head := `{"scene":` + strconv.Quote(id)
	if len(b) > 2 {
		head += ","
	}
	obj := append([]byte(head), b[1:]...)
	var out bytes.Buffer
	if indent {
		json.Indent(&out, obj, "", "  ")
	} else {
		out.Write(obj)
	}
	out.WriteByte('\n')
	_, err = w.Write(out.Bytes())
	return err
}

// attrEscape escapes text for an HTML attribute value as
// html.EscapeString does (package html would bring its table of 2,000
// named entities into the worker, 23 KB of brotli; strings.Replacer
// another 31 KB of code).
func attrEscape(s string) string {
	for _, p := range [][2]string{{"&", "&amp;"}, {"'", "&#39;"}, {"<", "&lt;"}, {">", "&gt;"}, {`"`, "&#34;"}} {
		s = strings.ReplaceAll(s, p[0], p[1])
	}
	return s
}

// EmbedSnippet returns the HTML a course page pastes to show the figure
// at src (a link with embed=1) titled title: an iframe as wide as the
// page allows (up to 760 px) and 640 px tall, which fits every scene at
// that width, and a one-line script that sets the iframe's height to
// what the figure reports ({noiseballHeight: pixels}, sent by an
// embedded page whenever its height changes), so nothing is cut off at
// any width. Without the script the iframe keeps 640 px and scrolls.
func EmbedSnippet(src, title string) string {
	return `<iframe src="` + attrEscape(src) + `" title="Noise Ball: ` + attrEscape(title) +
		`" style="width:100%;max-width:760px;height:640px;border:0"></iframe>` + "\n" +
		`<script>addEventListener("message",e=>{for(const f of document.querySelectorAll("iframe"))if(f.contentWindow===e.source&&e.data&&e.data.noiseballHeight>0)f.style.height=e.data.noiseballHeight+"px"})</script>`
}

// ci writes an interval as the page's exports do: [lo, hi].
func ci(i stats.Interval) [2]float64 { return [2]float64{i.Lo, i.Hi} }

// csvNumber writes x for a CSV export: empty where the quantity does
// not exist (missing: a -1 sentinel of package measure, or a value that
// is not finite), else the shortest form that reads back as x.
func csvNumber(x float64, missing bool) string {
	if missing || math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}
