//go:build !js

package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeViolation is one rule axe-core found broken, with the elements.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// TestAccessibility runs axe-core (installed by 'make axe' from npm) on
// every scene, settled: no serious or critical violation (contrast,
// names, roles, ARIA). Minor and moderate ones go to numbers.txt.
func TestAccessibility(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(root, "bin", "axe", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is missing (%v); run 'make axe' (make test does)", err)
	}
	p := newPage(t) // one browser for the five scenes: it is the scene that changes
	for _, hash := range []string{"#story=1", "#scene=noiseball", "#scene=isoperimetry", "#scene=slice&model=linear-clean&image=0", "#scene=bound", "#scene=digit&model=linear-clean", "#scene=playground", "#scene=spheres&n=20&width=32", "#scene=train", "#scene=compare&view=corruption"} {
		p.open(hash)
		p.waitFor(`document.getElementById("job").hidden`, 120*time.Second)
		if !eval[bool](p, `typeof axe === "object"`) {
			eval[bool](p, string(src)+";true")
		}
		ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
		cancel()
		if err != nil {
			t.Fatalf("%s: running axe: %v", hash, err)
		}
		var minor []string
		for _, x := range v {
			var where []string
			for _, n := range x.Nodes {
				where = append(where, fmt.Sprint(n.Target...))
			}
			line := fmt.Sprintf("%s (%s): %s at %s", x.ID, x.Impact, x.Help, strings.Join(where, ", "))
			if x.Impact == "serious" || x.Impact == "critical" {
				t.Errorf("%s: %s", hash, line)
			} else {
				minor = append(minor, line)
			}
		}
		note(t, "axe-core on %s: %d violations, minor or moderate: %v", hash, len(v), minor)
	}
}
