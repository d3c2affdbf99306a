//go:build !js

package assets

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFetchReportsProgressAndErrors(t *testing.T) {
	dir := t.TempDir()
	Root = dir
	body := make([]byte, 600<<10)
	os.MkdirAll(filepath.Join(dir, "a"), 0o755)
	os.WriteFile(filepath.Join(dir, "a", "b.bin"), body, 0o644)
	var calls int
	var last int64
	got, err := Fetch("a/b.bin", func(done, total int64) {
		calls++
		last = done
		if total != int64(len(body)) {
			t.Errorf("total %d, want %d", total, len(body))
		}
	})
	if err != nil || len(got) != len(body) || calls < 3 || last != int64(len(body)) {
		t.Fatalf("Fetch: %d bytes, %v, %d progress calls ending at %d", len(got), err, calls, last)
	}
	if _, err := Fetch("missing.bin", nil); err == nil {
		t.Fatal("Fetch of a missing file succeeded")
	}
}
