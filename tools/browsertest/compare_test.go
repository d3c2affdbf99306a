//go:build !js

package browsertest

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"noiseball/core/compare"
)

// TestCompareScene: the zoo's shipped numbers show at once and read as
// in compare.json; measured here, a model's numbers are those of
// `noiseball compare -settings page`, bit for bit.
func TestCompareScene(t *testing.T) {
	var table compare.Table
	b, err := os.ReadFile(filepath.Join(root, "site", "assets", "results", "compare.json"))
	if err != nil || json.Unmarshal(b, &table) != nil {
		t.Fatalf("the shipped table: %v", err)
	}
	p := newPage(t)
	p.open("#scene=compare")
	p.measured()
	clean := table.Model("cnn-clean")
	want := fmt.Sprintf("cnn-clean: %.1f%% clean, %.1f%% at σ = 0.3", 100*clean.Clean.Value, 100*clean.Noise["0.3"].Value)
	if got := p.text("numbers"); !strings.Contains(got, want) {
		t.Errorf("the page reads %q; the table says %q", got, want)
	}
	for _, view := range []string{"corruption", "pgd", "nearest", "defense"} {
		p.setControl("p-view", view)
		p.waitFor(`document.getElementById("figure").hasAttribute("data-measured")`, 30*time.Second)
	}
	p.figure("compare-defense")

	// Measured here.
	p.open("#scene=compare&m1=linear-clean&m2=none&m3=none&source=here")
	p.waitFor(`document.getElementById("figure").hasAttribute("data-measured") && document.getElementById("numbers").textContent.includes("linear-clean")`, 120*time.Second)
	dir := t.TempDir()
	p.allowDownloads(dir)
	p.click("a-json")
	var got struct {
		Results []struct {
			compare.Result
			Here bool `json:"measured_here"`
		} `json:"results"`
	}
	if err := json.Unmarshal(waitExport(t, dir, "noiseball-compare", ".json"), &got); err != nil || len(got.Results) != 1 || !got.Results[0].Here {
		t.Fatalf("export: %+v (%v)", got, err)
	}
	cmd := exec.Command(noiseballBin, "compare", "-model", "linear-clean", "-settings", "page")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("noiseball compare: %v", err)
	}
	var cli compare.Result
	if err := json.Unmarshal(out, &cli); err != nil {
		t.Fatal(err)
	}
	// Every count and distance is the CLI's to the last bit; the 95%
	// intervals of the rates may differ in their last bit (math.Log and
	// math.Exp are assembly on amd64 and Go in wasm), so they are
	// compared to 1e-12 and then set equal.
	page := got.Results[0].Result
	for _, pair := range [][2]map[string]compare.Rate{{page.Noise, cli.Noise}, {page.Corruption, cli.Corruption}, {page.L2, cli.L2}, {page.Linf, cli.Linf}} {
		for k, r := range pair[0] {
			c := pair[1][k]
			if math.Abs(r.CI[0]-c.CI[0]) > 1e-12 || math.Abs(r.CI[1]-c.CI[1]) > 1e-12 {
				t.Errorf("%s: interval %v, CLI %v", k, r.CI, c.CI)
			}
			r.CI = c.CI
			pair[0][k] = r
		}
	}
	if math.Abs(page.Clean.CI[0]-cli.Clean.CI[0]) > 1e-12 || math.Abs(page.Clean.CI[1]-cli.Clean.CI[1]) > 1e-12 {
		t.Errorf("clean: interval %v, CLI %v", page.Clean.CI, cli.Clean.CI)
	}
	page.Clean.CI = cli.Clean.CI
	if !reflect.DeepEqual(page, cli) {
		t.Errorf("measured here: %+v\nnoiseball compare: %+v", page, cli)
	}
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
