//go:build !js

package browsertest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// hashed matches a content-hashed name as 'noiseball dist' writes it.
var hashed = regexp.MustCompile(`\.[0-9a-f]{10}\.[a-z0-9]+$`)

// makeDist writes the built page as a dist folder in a temporary
// directory and returns its path.
func makeDist(t *testing.T) string {
	t.Helper()
	dist := filepath.Join(t.TempDir(), "dist")
	if out, err := exec.Command(noiseballBin, "dist", "-site", filepath.Join(root, "site"), "-out", dist, "-quality", "fast").CombinedOutput(); err != nil {
		t.Fatalf("noiseball dist: %v\n%s", err, out)
	}
	return dist
}

// controlledPage serves dir with 'noiseball serve', opens hash there in
// a fresh browser and waits until the service worker controls the page;
// stop ends the server.
func controlledPage(t *testing.T, dir, hash string) (p *page, stop func()) {
	t.Helper()
	base, stop, err := serve(dir, func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	p = newPage(t)
	p.base = base
	p.open(hash)
	p.waitFor(`navigator.serviceWorker.controller !== null`, 60*time.Second)
	return p, stop
}

// TestDistOnPlainServer: the folder 'noiseball dist' writes works on a
// plain static server (Go's http.FileServer: no compression, no
// headers of ours), the slice runs in workers with its model and digits,
// and every file the page asks for but index.html and sw.js has a
// content-hashed name (so a host may cache it for a year).
func TestDistOnPlainServer(t *testing.T) {
	dist := makeDist(t)
	var mu sync.Mutex
	var asked []string
	var missing []string
	files := http.FileServer(http.Dir(dist))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		if _, err := os.Stat(filepath.Join(dist, filepath.FromSlash(r.URL.Path))); err != nil {
			missing = append(missing, r.URL.Path)
		}
		mu.Unlock()
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()

	p := newPage(t)
	p.base = srv.URL + "/"
	p.open("#scene=slice&model=linear-clean&image=0")
	p.measured()
	if mode := eval[string](p, `noiseball.workers`); mode != "workers" {
		t.Errorf("jobs ran on %q, want workers", mode)
	}
	if k := eval[string](p, `noiseball.kernel || ""`); k != "simd128" {
		t.Errorf("the worker computed with the %q kernel, want simd128: the dist folder lost simd.wasm or simd.js", k)
	}
	if got := p.text("numbers"); got == "" {
		t.Error("the slice shows no numbers")
	}
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(missing) > 0 {
		t.Errorf("the page asked for files the dist folder lacks: %v", missing)
	}
	for _, want := range []string{"app.", "worker.", "fetcher.", "assets/models/linear-clean.", "assets/data/mnist-test1k-images."} {
		if !slices.ContainsFunc(asked, func(a string) bool { return strings.HasPrefix(a, "/"+want) && hashed.MatchString(a) }) {
			t.Errorf("no hashed %s… was loaded; asked: %v", want, asked)
		}
	}
	for _, a := range asked {
		if a != "/" && a != "/index.html" && a != "/sw.js" && !hashed.MatchString(a) {
			t.Errorf("%s was loaded under a name without its content hash", a)
		}
	}
	p.pageShot("dist-slice")
}

// TestOfflineFile: the one file 'noiseball offline' writes, opened from
// disk (file://, no server), shows the noise ball and a slice whose
// numbers equal the served page's (the jobs run on the page there, the
// same runner as in a worker), and a digit it does not carry gets a
// sentence that says so.
func TestOfflineFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "noiseball.html")
	out, err := exec.Command(noiseballBin, "offline", "-site", filepath.Join(root, "site"), "-out", file).CombinedOutput()
	if err != nil {
		t.Fatalf("noiseball offline: %v\n%s", err, out)
	}
	note(t, "%s", strings.TrimSpace(string(out)))
	const slice = "#scene=slice&model=linear-clean&image=3"
	served := newPage(t)
	served.open(slice)
	served.measured()
	want := served.text("numbers")
	served.close()

	p := newPage(t)
	p.base = "file://" + file
	p.open("")
	if got := p.text("numbers"); got == "" {
		t.Error("the noise ball shows no numbers from disk")
	}
	p.open(slice)
	p.measured()
	if mode := eval[string](p, `noiseball.workers`); mode != "page" {
		t.Errorf("jobs ran on %q from disk, want page", mode)
	}
	if got := p.text("numbers"); got != want {
		t.Errorf("from disk the slice reads %q; served it reads %q", got, want)
	}
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors from disk: %v", errs)
	}
	p.pageShot("offline-file-slice")
	p.open("#scene=slice&model=linear-clean&image=5000")
	p.waitFor(`!document.getElementById("problem").hidden`, 60*time.Second)
	if got := p.text("problem"); !strings.Contains(got, "offline page") {
		t.Errorf("digit 5000 from disk: problem %q, want a sentence about the offline page", got)
	}
}

// TestServiceWorkerPicksUpUpdate: a page controlled by its service worker
// shows a new version on the next visit (the worker goes to the network
// first; a cache-first worker would show the old page), and its cache
// keeps one version of each content-hashed file. The page is a dist
// folder, whose index.html is then rewritten, its stylesheet renamed as
// a new release would.
func TestServiceWorkerPicksUpUpdate(t *testing.T) {
	dist := makeDist(t)
	p, stop := controlledPage(t, dist, "#scene=noiseball")
	defer stop()
	index := filepath.Join(dist, "index.html")
	b, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	updated := strings.Replace(string(b), "<h1>Noise Ball</h1>", "<h1>Noise Ball, updated</h1>", 1)
	if updated == string(b) {
		t.Fatal("index.html has no <h1>Noise Ball</h1> to update")
	}
	oldCSS := regexp.MustCompile(`style\.[0-9a-f]{10}\.css`).FindString(updated)
	const newCSS = "style.0123456789.css"
	if err := os.Rename(filepath.Join(dist, oldCSS), filepath.Join(dist, newCSS)); err != nil {
		t.Fatal(err)
	}
	updated = strings.ReplaceAll(updated, oldCSS, newCSS)
	p.waitFor(`caches.open("noiseball-v1").then(c => c.keys()).then(k => { window.nbKeys = k.map(r => r.url); }), (window.nbKeys || []).some(u => u.endsWith("`+oldCSS+`"))`, 60*time.Second)
	os.Remove(index + ".br")
	os.Remove(index + ".gz")
	if err := os.WriteFile(index, []byte(updated), 0o644); err != nil {
		t.Fatal(err)
	}
	p.do(90*time.Second, chromedp.Reload())
	p.waitFor(`window.noiseball !== undefined && noiseball.frames > 5`, 60*time.Second)
	if h1 := eval[string](p, `document.querySelector("h1").textContent`); h1 != "Noise Ball, updated" {
		t.Errorf("after the update the page's title reads %q", h1)
	}
	p.waitFor(`window.nbKeys = null, caches.open("noiseball-v1").then(c => c.keys()).then(k => { window.nbKeys2 = k.map(r => r.url); }), (window.nbKeys2 || []).some(u => u.endsWith("`+newCSS+`"))`, 60*time.Second)
	if keys := eval[[]string](p, `window.nbKeys2`); slices.ContainsFunc(keys, func(u string) bool { return strings.HasSuffix(u, oldCSS) }) {
		t.Errorf("the cache kept the old stylesheet beside the new one: %v", keys)
	}
}
