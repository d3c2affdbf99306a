//go:build !js

package assets

import (
	"fmt"
	"os"
	"path/filepath"
)

// Root is the directory native builds read assets from, standing in for
// the page's origin in tests.
var Root = "site"

// Fetch reads path below Root: the native twin of the browser's fetch.
func Fetch(path string, progress Progress) ([]byte, error) {
	f, err := os.Open(filepath.Join(Root, filepath.FromSlash(path)))
	if err != nil {
		return nil, fmt.Errorf("could not download %s: %v", path, err)
	}
	defer f.Close()
	total := int64(-1)
	if st, err := f.Stat(); err == nil {
		total = st.Size()
	}
	b, err := readAll(f, total, progress)
	if err != nil {
		return nil, fmt.Errorf("could not download %s: %v", path, err)
	}
	return b, nil
}
