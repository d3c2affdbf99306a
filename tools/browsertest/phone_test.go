//go:build !js

package browsertest

import (
	"fmt"
	"testing"
)

// TestPhoneTouchTargets: on a 390×844 phone (emulated, with touch) every visible button, link, select
// and slider of every scene is at least 44 CSS pixels tall (WCAG 2.5.5),
// and the figure fits the width.
func TestPhoneTouchTargets(t *testing.T) {
	p := newPhone(t)
	for _, hash := range []string{"#scene=noiseball", "#scene=isoperimetry", "#scene=slice&model=linear-clean&image=0", "#scene=bound", "#scene=digit&model=linear-clean"} {
		p.open(hash)
		small := eval[[]string](p, `[...document.querySelectorAll("button, a, select, input[type=range]")]
			.filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden")
			.filter(e => e.getBoundingClientRect().height < 44)
			.map(e => (e.id || e.textContent.trim()) + " " + Math.round(e.getBoundingClientRect().height) + "px")`)
		if len(small) > 0 {
			t.Errorf("%s: controls under 44 px tall: %v", hash, small)
		}
		_, _, w, _ := p.figureBox()
		if w > 390 || w < 300 {
			t.Errorf("%s: the figure is %s wide in a 390-pixel window", hash, fmt.Sprint(w))
		}
	}
}
