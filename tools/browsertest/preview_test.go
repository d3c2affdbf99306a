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

	cdppage "github.com/chromedp/cdproto/page"
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
// and kind, site/preview.png is a PNG of that size within its budget,
// and the landing's posters are WebP files within theirs. With
// NB_WRITE_PREVIEW=1 it first draws them afresh (screenshots of the page
// in headless Chromium), to be committed: the command that regenerates
// the files the page ships is
//
//	NB_WRITE_PREVIEW=1 go test -run TestPreviewImage ./tools/browsertest
func TestPreviewImage(t *testing.T) {
	path := filepath.Join(root, "site", "preview.png")
	if os.Getenv("NB_WRITE_PREVIEW") == "1" {
		writePosters(t)
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
	for _, ps := range posters {
		b, err := os.ReadFile(filepath.Join(root, "site", ps.file))
		if err != nil {
			t.Fatalf("the landing's poster is missing (%v); draw it with NB_WRITE_PREVIEW=1 go test -run TestPreviewImage ./tools/browsertest", err)
		}
		if len(b) > posterMaxBytes || !bytes.HasPrefix(b, []byte("RIFF")) || !bytes.Contains(b[:16], []byte("WEBP")) {
			t.Errorf("site/%s: %d bytes (budget %d), want a WebP", ps.file, len(b), posterMaxBytes)
		}
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

// The landing's posters (site/poster-story-1.webp and, for phones,
// poster-story-1-phone.webp): the story's first figure, a slice, as the
// page draws it at 1280×800 (device pixel ratio 1.5) and on a 390×844
// phone (ratio 2), shown in the figure's place until the program has
// drawn its own.
var posters = []struct {
	file  string
	w, h  int64
	scale float64
	phone bool
}{
	{"poster-story-1.webp", 1280, 800, 1.5, false},
	{"poster-story-1-phone.webp", 390, 844, 2, true},
}

const (
	posterHash     = "#story=1"
	posterQuality  = 80
	posterMaxBytes = 40_000
)

// writePosters draws the landing's posters afresh.
func writePosters(t *testing.T) {
	for _, ps := range posters {
		p := newPageSized(t, int(ps.w), int(ps.h))
		opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(ps.scale)}
		if ps.phone {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
		}
		p.do(30*time.Second, chromedp.EmulateViewport(ps.w, ps.h, opts...))
		p.open(posterHash)
		p.measured()
		p.frames(10)
		x, y, w, h := p.figureBox()
		q := int64(posterQuality)
		res, err := chromedp.Call(p.ctx, cdppage.CaptureScreenshot, cdppage.CaptureScreenshotParams{
			Format: cdppage.CaptureScreenshotFormatWebp, Quality: &q,
			Clip: &cdppage.Viewport{X: x, Y: y, Width: w, Height: h, Scale: 1}})
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		if err := os.WriteFile(filepath.Join(root, "site", ps.file), res.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		p.close()
	}
}
