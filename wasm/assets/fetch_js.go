package assets

import (
	"fmt"

	"github.com/syumai/tinyutil/httputil"
)

// Fetch downloads path (relative to the page) and returns its bytes. A
// failure comes back as an error sentence naming the file.
func Fetch(path string, progress Progress) ([]byte, error) {
	resp, err := httputil.Get(path)
	if err != nil {
		return nil, fmt.Errorf("could not download %s: %v", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("could not download %s: the server answered %s", path, resp.Status)
	}
	total := decodedTotal(resp.ContentLength, resp.Header.Get("Content-Encoding"), resp.Header.Get("X-Decoded-Length"))
	b, err := readAll(resp.Body, total, progress)
	if err != nil {
		return nil, fmt.Errorf("could not download %s: %v", path, err)
	}
	return b, nil
}
