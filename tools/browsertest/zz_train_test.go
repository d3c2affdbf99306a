package browsertest

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestZZTrain(t *testing.T) {
	for _, size := range strings.Split(os.Getenv("ZZ_SIZES"), ",") {
		var p *page
		if size == "phone" {
			p = newPhone(t)
		} else {
			p = newPageSized(t, 1280, 800)
		}
		p.open(os.Getenv("ZZ_HASH"))
		p.frames(5)
		p.pageShot("zz-train-before-" + size)
		start := time.Now()
		p.click("a-train")
		p.poll(`document.getElementById("numbers").textContent.includes("examples so far")`, 120*time.Second)
		p.frames(5)
		p.pageShot("zz-train-during-" + size)
		p.waitFor(`document.getElementById("figure").hasAttribute("data-measured")`, 600*time.Second)
		t.Logf("%s: trained in %v; %s", size, time.Since(start), p.text("numbers"))
		p.frames(5)
		p.pageShot("zz-train-after-" + size)
	}
}
