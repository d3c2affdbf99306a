//go:build !js

package browsertest

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The link preview (site/preview.png, named by index.html's og:image):
// the page at the story's second step, the noise ball, in a window of
// previewW×previewH CSS pixels, the size link previews show.
const (
	previewW, previewH = 1200, 630
	previewHash        = "#story=2"
	previewMaxBytes    = 200_000
)

// TestPreviewImage: index.html names a link preview of the right size
// and kind, and site/preview.png is a PNG of that size within its
// budget. With NB_WRITE_PREVIEW=1 it first draws the preview afresh
// (a screenshot of the page in headless Chromium), to be committed: the
// command that regenerates the file the page ships is
//
//	NB_WRITE_PREVIEW=1 go test -run TestPreviewImage ./tools/browsertest
func TestPreviewImage(t *testing.T) {
	path := filepath.Join(root, "site", "preview.png")
	if os.Getenv("NB_WRITE_PREVIEW") == "1" {
		p := newPageSized(t, previewW, previewH)
		p.do(30*time.Second, chromedp.EmulateViewport(previewW, previewH))
		p.open(previewHash)
		p.frames(10)
		ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
		defer cancel()
		buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		if err := os.WriteFile(path, buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the link preview is missing (%v); draw it with NB_WRITE_PREVIEW=1 go test -run TestPreviewImage ./tools/browsertest", err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("site/preview.png: %v", err)
	}
	if cfg.Width != previewW || cfg.Height != previewH {
		t.Errorf("site/preview.png is %d×%d, want %d×%d", cfg.Width, cfg.Height, previewW, previewH)
	}
	if len(b) > previewMaxBytes {
		t.Errorf("site/preview.png is %d bytes, over its budget of %d", len(b), previewMaxBytes)
	}
	index, err := os.ReadFile(filepath.Join(root, "site", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<meta property="og:image" content="preview.png">`,
		`<meta property="og:image:width" content="1200">`,
		`<meta property="og:image:height" content="630">`,
		`<meta name="twitter:card" content="summary_large_image">`,
	} {
		if !bytes.Contains(index, []byte(want)) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if !regexp.MustCompile(`<meta property="og:image:alt" content="[^"]{40,}">`).Match(index) {
		t.Errorf("index.html lacks a description of the preview (og:image:alt)")
	}
}
