//go:build !js

package browsertest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestOfflineAfterOneVisit: a page visited once (the slice scene: the
// program, its workers, a model and the test digits) works with the
// network gone: its own server is stopped and the page reloaded, and the
// service worker (site/sw.js) serves everything from its cache, down to a
// finished slice.
func TestOfflineAfterOneVisit(t *testing.T) {
	p, stop := controlledPage(t, filepath.Join(root, "site"), "#scene=slice&model=linear-clean&image=0")
	defer stop()
	p.measured()
	want := p.text("numbers")
	// The cache must hold the program before the server goes.
	p.waitFor(`window.nbCached === true || (caches.match("app.wasm").then(r => { window.nbCached = !!r; }), false)`, 60*time.Second)
	stop()
	ctx, cancel := context.WithTimeout(p.ctx, 120*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Reload()); err != nil {
		t.Fatalf("reloading offline: %v", err)
	}
	p.waitFor(`window.noiseball !== undefined && noiseball.frames > 5`, 90*time.Second)
	p.measured()
	if got := p.text("numbers"); got != want {
		t.Errorf("offline the slice reads %q; online it read %q", got, want)
	}
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors offline: %v", errs)
	}
	p.pageShot("offline-slice")
}
