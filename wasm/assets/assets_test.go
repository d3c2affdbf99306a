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

// TestDecodedTotal: progress counts decoded bytes, so a compressed
// answer's Content-Length is no total unless the server says the decoded
// size.
func TestDecodedTotal(t *testing.T) {
	for _, c := range []struct {
		length       int64
		enc, decoded string
		want         int64
	}{
		{1000, "", "", 1000},
		{1000, "identity", "", 1000},
		{300, "br", "1000", 1000},
		{300, "gzip", "", -1},
		{-1, "", "", -1},
		{300, "br", "garbage", -1},
	} {
		if got := decodedTotal(c.length, c.enc, c.decoded); got != c.want {
			t.Errorf("decodedTotal(%d, %q, %q) = %d, want %d", c.length, c.enc, c.decoded, got, c.want)
		}
	}
}
