package scene

import (
	"html"
	"os"
	"regexp"
	"strconv"
	"testing"

	"noiseball/wasm/state"
)

// TestStoryFigures: every step of the story in site/index.html is a
// section #step-N, numbered from 1 without gaps, with a progress link
// and a figure (data-figure) that is a valid link of a scene, so the
// page never shows a step with a default figure and a problem sentence.
func TestStoryFigures(t *testing.T) {
	page, err := os.ReadFile("../../site/index.html")
	if err != nil {
		t.Fatal(err)
	}
	steps := regexp.MustCompile(`<section class="step" id="step-(\d+)" data-figure="([^"]*)"`).FindAllStringSubmatch(string(page), -1)
	if len(steps) < 5 {
		t.Fatalf("the story has %d steps; want at least 5", len(steps))
	}
	progress := regexp.MustCompile(`<li><a href="#story=(\d+)"`).FindAllStringSubmatch(string(page), -1)
	if len(progress) != len(steps) {
		t.Errorf("%d progress links for %d steps", len(progress), len(steps))
	}
	seen := map[string]bool{}
	for i, m := range steps {
		if m[1] != strconv.Itoa(i+1) {
			t.Errorf("step %d is numbered %s", i+1, m[1])
		}
		if i < len(progress) && progress[i][1] != strconv.Itoa(i+1) {
			t.Errorf("progress link %d goes to step %s", i+1, progress[i][1])
		}
		link := html.UnescapeString(m[2])
		s, problems := state.Parse(link, Scenes)
		if len(problems) > 0 {
			t.Errorf("step %d's figure %s: %s", i+1, link, state.Sentence(problems))
		}
		if s.Embed {
			t.Errorf("step %d's figure is an embed", i+1)
		}
		seen[s.Scene] = true
	}
	for _, sc := range Scenes {
		if !seen[sc.ID] && !sc.Beyond {
			t.Errorf("no step of the story shows the %s scene", sc.ID)
		}
	}
	// A picture of a figure (data-poster-of) is a picture of a step's
	// figure, named by the same link, so it shows on that step.
	figures := map[string]bool{}
	for _, m := range steps {
		figures[m[2]] = true
	}
	posters := regexp.MustCompile(`data-poster-of="([^"]*)"`).FindAllStringSubmatch(string(page), -1)
	if len(posters) == 0 {
		t.Error("index.html has no picture of the landing's figure (data-poster-of)")
	}
	for _, m := range posters {
		if !figures[m[1]] {
			t.Errorf("the poster of %s is not of any step's figure", m[1])
		}
	}
}

// TestSceneLinks: index.html links every scene, in the order of Scenes,
// by its id and title (the links are in the page, so they show before the
// program starts; the app only marks the current one).
func TestSceneLinks(t *testing.T) {
	page, err := os.ReadFile("../../site/index.html")
	if err != nil {
		t.Fatal(err)
	}
	links := regexp.MustCompile(`<a href="#scene=([a-z]+)" id="nav-([a-z]+)">([^<]*)</a>`).FindAllStringSubmatch(string(page), -1)
	if len(links) != len(Scenes) {
		t.Fatalf("index.html links %d scenes; there are %d", len(links), len(Scenes))
	}
	for i, l := range links {
		if sc := Scenes[i]; l[1] != sc.ID || l[2] != sc.ID || l[3] != sc.Title {
			t.Errorf("link %d: %q (#scene=%s, nav-%s); want %q (%s)", i, l[3], l[1], l[2], sc.Title, sc.ID)
		}
	}
}
