//go:build !js

package browsertest

import (
	"os"
	"strings"
	"testing"
	"time"
)

// ZZ_HASHES="name=#hash;name=#hash" ZZ_SIZES=desktop,phone
func TestZZAll(t *testing.T) {
	for _, size := range strings.Split(os.Getenv("ZZ_SIZES"), ",") {
		for _, nh := range strings.Split(os.Getenv("ZZ_HASHES"), ";") {
			name, hash, _ := strings.Cut(nh, "=")
			var p *page
			if size == "phone" {
				p = newPhone(t)
			} else {
				p = newPageSized(t, 1280, 800)
			}
			p.open(hash)
			time.Sleep(4 * time.Second)
			p.pageShot("zz-" + size + "-" + name)
			p.close()
		}
	}
}
