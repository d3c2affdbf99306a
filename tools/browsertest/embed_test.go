//go:build !js

package browsertest

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestEmbedSizesItself: the Share box's snippet, pasted into a course
// page on another origin, shows the figure in an iframe that takes the
// height the embedded page reports (so no caption is cut), with an
// "Open in Noise Ball" link to the full view; "Copy link" says what it
// did.
func TestEmbedSizesItself(t *testing.T) {
	p := newPage(t)
	p.open("#scene=slice&model=linear-clean&image=0")
	p.click("a-share")
	p.waitFor(`!document.getElementById("share").hidden`, 10*time.Second)
	p.click("copy-link")
	p.waitFor(`document.getElementById("copy-status").textContent !== ""`, 10*time.Second)
	if got := p.text("copy-status"); !strings.HasPrefix(got, "The link is") {
		t.Errorf("after Copy link: %q", got)
	}
	snippet := eval[string](p, `document.getElementById("share-embed").value`)
	if !strings.Contains(snippet, "embed=1") || !strings.Contains(snippet, "noiseballHeight") {
		t.Fatalf("snippet %q", snippet)
	}
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!doctype html><html lang=en><title>A course page</title><body style='margin:0'><p>Week 3: adversarial examples.</p>" + snippet + "</body></html>"))
	}))
	defer host.Close()
	q := newPage(t)
	q.base = host.URL + "/"
	q.do(60*time.Second, chromedp.Navigate(host.URL+"/"))
	q.waitFor(`document.querySelector("iframe").style.height !== "640px"`, 90*time.Second)
	h, _ := strconv.Atoi(strings.TrimSuffix(eval[string](q, `document.querySelector("iframe").style.height`), "px"))
	w := eval[int](q, `document.querySelector("iframe").clientWidth`)
	note(t, "embedded slice at %d px wide reports %d px tall", w, h)
	if h < w/2 || h > 3*w {
		t.Errorf("the iframe is %d px wide and took a height of %d px", w, h)
	}
	// The full view from the embedded one.
	r := p
	r.open("#scene=slice&model=linear-clean&image=0&embed=1")
	if !eval[bool](r, `getComputedStyle(document.getElementById("open-full")).display !== "none"`) {
		t.Error("no Open in Noise Ball link in the embed")
	}
	if href := eval[string](r, `document.getElementById("open-full").href`); strings.Contains(href, "embed=1") || !strings.Contains(href, "scene=slice") {
		t.Errorf("Open in Noise Ball goes to %q", href)
	}
}
