//go:build js && wasm

// Command app is Noise Ball's page program: an Ebiten game drawn on the
// page's canvas. This first version draws the noise ball of the paper's
// Fig. 1 in two dimensions and reads one shipped model to show that the
// browser runs the same engine as the command-line tools; the scenes come
// with the browser issue.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/ebitenutil"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"noiseball/core/nn"
	"noiseball/wasm/assets"
)

const (
	screenW, screenH = 640, 400
	modelName        = "cnn-clean"
	sigma            = 40.0 // pixels on screen
	distance         = 70.0 // from the point to the boundary, pixels
	samples          = 600
)

type game struct {
	rng    *rand.Rand
	pts    [][2]float64
	status string
}

func newGame() *game {
	g := &game{rng: rand.New(rand.NewPCG(1, 2)), status: "loading " + modelName + "…"}
	go g.load()
	return g
}

// load fetches one model and summarizes its metadata.
func (g *game) load() {
	b, err := assets.Fetch("assets/models/"+modelName+".safetensors", nil)
	if err != nil {
		g.status = err.Error()
		return
	}
	net, meta, err := nn.Load(bytes.NewReader(b))
	if err != nil {
		g.status = "the weights of " + modelName + " are unusable: " + err.Error()
		return
	}
	var m struct {
		Accuracy float64 `json:"test_accuracy"`
	}
	json.Unmarshal([]byte(meta["metrics"]), &m)
	g.status = fmt.Sprintf("%s: %d parameters, clean test accuracy %.2f%% (read in the browser)", modelName, net.NumParams(), 100*m.Accuracy)
}

// Update replaces one noise sample per frame.
func (g *game) Update() error {
	p := [2]float64{sigma * g.rng.NormFloat64(), sigma * g.rng.NormFloat64()}
	if len(g.pts) < samples {
		g.pts = append(g.pts, p)
	} else {
		g.pts[g.rng.IntN(samples)] = p
	}
	return nil
}

// Draw paints the boundary, the error region, the samples and the numbers.
func (g *game) Draw(screen *ebiten.Image) {
	screen.Fill(color.RGBA{0xfa, 0xfa, 0xf7, 0xff})
	cx, cy := float32(screenW/2-60), float32(screenH/2)
	bx := cx + distance
	vector.DrawFilledRect(screen, bx, 0, screenW-bx, screenH, color.RGBA{0xf6, 0xd8, 0xc8, 0xff}, false)
	vector.StrokeLine(screen, bx, 0, bx, screenH, 2, color.RGBA{0xb3, 0x3c, 0x00, 0xff}, true)
	errs := 0
	for _, p := range g.pts {
		c := color.RGBA{0x1f, 0x4e, 0x9a, 0xb0}
		if p[0] > distance {
			c = color.RGBA{0xc0, 0x39, 0x2b, 0xd0}
			errs++
		}
		vector.DrawFilledCircle(screen, cx+float32(p[0]), cy+float32(p[1]), 2, c, true)
	}
	vector.DrawFilledCircle(screen, cx, cy, 4, color.Black, true)
	mu := 0.5 * math.Erfc(distance/sigma/math.Sqrt2)
	ebitenutil.DebugPrintAt(screen, fmt.Sprintf("Noise around a point, sigma = %.0f px; the error region starts %.0f px away.", sigma, distance), 10, 10)
	ebitenutil.DebugPrintAt(screen, fmt.Sprintf("Error rate in noise mu = Phi(-d/sigma) = %.3f; drawn samples in error: %.3f", mu, float64(errs)/float64(max(len(g.pts), 1))), 10, 26)
	ebitenutil.DebugPrintAt(screen, g.status, 10, screenH-22)
}

// Layout fixes the logical screen size.
func (g *game) Layout(int, int) (int, int) { return screenW, screenH }

func main() {
	ebiten.SetWindowTitle("Noise Ball")
	if err := ebiten.RunGame(newGame()); err != nil {
		panic(err)
	}
}
