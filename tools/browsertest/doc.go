//go:build !js

// Package browsertest holds Noise Ball's real-browser tests: Go tests
// that drive Debian's headless Chromium with chromedp against
// 'noiseball serve' on 127.0.0.1 and check what a visitor gets: the
// scenes load without console errors and draw, controls update the
// picture and the aria-live numbers, links restore state, bad links
// are reported, exports download valid files, embed mode hides the
// chrome, and the canvas keeps its frame rate while a worker computes.
//
// Run them with 'make test' (which builds the page first) or
//
//	make site && go test -count=1 -v ./tools/browsertest
//
// Screenshots and the measured numbers land in out/browser.
package browsertest
