// Package state holds the page's state as it lives in the URL hash, so
// that every view is a link: a scene id and one value per parameter,
// e.g. #scene=noiseball&n=784&sigma=0.3&d=0.7&seed=1. Parameters are
// declared once (Param) and everything else follows from the
// declarations: parsing with validation, the canonical hash, and the
// controls the page builds.
//
// Scene ids and parameter names are stable: course pages link to them.
package state

import (
	"encoding/base64"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Kind is how a parameter's value is written.
type Kind int

const (
	// Number is a decimal number in [Min, Max].
	Number Kind = iota
	// Integer is a whole number in [Min, Max].
	Integer
	// Choice is one of Choices.
	Choice
	// Bits is a bitmap of Bits bits, written in unpadded base64url with
	// the first bit in the high bit of the first byte (empty: all clear).
	Bits
)

// Param declares one URL parameter of a scene.
type Param struct {
	Name  string // in the URL: stable
	Label string // for the control, a short phrase
	Help  string // one sentence for the control's description
	Kind  Kind
	// Min, Max and Step bound a Number or Integer; Log asks for a
	// logarithmic slider.
	Min, Max, Step float64
	Log            bool
	Choices        []string // for Choice
	ChoiceLabels   []string // what the control shows for each choice
	Bits           int      // for Bits
	Default        string   // canonical form
	Hidden         bool     // in the URL but without a control of its own
}

// Scene declares a scene: its id in the URL and its parameters.
type Scene struct {
	ID, Title string
	Params    []Param
	// Beyond marks a scene past the paper's figures, which the story
	// does not show (it may link to it).
	Beyond bool
}

// State is a scene and a canonical value for each of its parameters.
type State struct {
	Scene  string
	Embed  bool
	Values map[string]string
}

// Defaults returns the default state of sc.
func Defaults(sc *Scene) State {
	s := State{Scene: sc.ID, Values: map[string]string{}}
	for _, p := range sc.Params {
		s.Values[p.Name] = p.Default
	}
	return s
}

// Parse reads a URL hash (with or without its leading '#') against the
// scenes, the first of which is the default. Every value that is
// missing takes its default; every value that is malformed or out of
// range takes its default too and is described in problems, one phrase
// each, for the page to show in one sentence.
func Parse(hash string, scenes []Scene) (s State, problems []string) {
	q, err := url.ParseQuery(strings.TrimPrefix(hash, "#"))
	if err != nil {
		problems = append(problems, "part of it is not valid URL encoding")
	}
	sc := &scenes[0]
	if id := q.Get("scene"); id != "" {
		if i := slices.IndexFunc(scenes, func(s Scene) bool { return s.ID == id }); i >= 0 {
			sc = &scenes[i]
		} else {
			problems = append(problems, fmt.Sprintf("there is no scene %q", id))
		}
	}
	s = Defaults(sc)
	if e := q.Get("embed"); e != "" {
		s.Embed = e == "1"
		if e != "0" && e != "1" {
			problems = append(problems, "embed must be 0 or 1")
		}
	}
	for _, p := range sc.Params {
		v, ok := q[p.Name]
		if !ok {
			continue
		}
		c, err := p.Canonical(v[len(v)-1])
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s=%s %v", p.Name, clip(v[len(v)-1]), err))
			continue
		}
		s.Values[p.Name] = c
	}
	var unknown []string
	for name := range q {
		if name != "scene" && name != "embed" && !slices.ContainsFunc(sc.Params, func(p Param) bool { return p.Name == name }) {
			unknown = append(unknown, fmt.Sprintf("%s is not a parameter of this scene", clip(name)))
		}
	}
	slices.Sort(unknown)
	return s, append(problems, unknown...)
}

// clip shortens a user's value for an error sentence.
func clip(v string) string {
	if len(v) > 24 {
		return v[:21] + "…"
	}
	return v
}

// Sentence joins problems into the one sentence the page shows, or ""
// when there are none.
func Sentence(problems []string) string {
	if len(problems) == 0 {
		return ""
	}
	return "This link has problems (" + strings.Join(problems, "; ") + "), so the defaults are used for them."
}

// Hash returns the canonical hash of s under sc: scene first, then the
// parameters in declaration order, then embed=1 if set.
func (s State) Hash(sc *Scene) string {
	var b strings.Builder
	b.WriteString("#scene=" + sc.ID)
	for _, p := range sc.Params {
		b.WriteString("&" + p.Name + "=" + url.QueryEscape(s.Values[p.Name]))
	}
	if s.Embed {
		b.WriteString("&embed=1")
	}
	return b.String()
}

// FileStem names the files exported from this view: "noiseball-", the
// scene id, then each parameter that differs from its default, in
// declaration order: a choice by its value, a number by its name and
// value; drawings (Bits) and characters outside [A-Za-z0-9.-] are left
// out, and the stem stops at 120 bytes. For example
// "noiseball-slice-cnn-gauss0.4-image3-sigma0.5".
func (s State) FileStem(sc *Scene) string {
	b := []byte("noiseball-" + sc.ID)
	for _, p := range sc.Params {
		v := s.Values[p.Name]
		if p.Kind == Bits || v == p.Default {
			continue
		}
		part := p.Name + v
		if p.Kind == Choice {
			part = v
		}
		b = append(b, '-')
		for _, c := range []byte(part) {
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' {
				b = append(b, c)
			}
		}
	}
	if len(b) > 120 {
		b = b[:120]
	}
	return string(b)
}

// Canonical validates a value of p and returns its canonical form, or an
// error phrase saying what a valid value is.
func (p *Param) Canonical(v string) (string, error) {
	switch p.Kind {
	case Number, Integer:
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || x < p.Min || x > p.Max || (p.Kind == Integer && x != math.Trunc(x)) {
			what := "a number"
			if p.Kind == Integer {
				what = "a whole number"
			}
			return "", fmt.Errorf("is not %s from %s to %s", what, FormatNumber(p.Min), FormatNumber(p.Max))
		}
		return FormatNumber(x), nil
	case Choice:
		if !slices.Contains(p.Choices, v) {
			return "", fmt.Errorf("is not one of %s", strings.Join(p.Choices, ", "))
		}
		return v, nil
	case Bits:
		bits, err := DecodeBits(v, p.Bits)
		if err != nil {
			return "", err
		}
		return EncodeBits(bits), nil
	}
	panic(fmt.Sprintf("state: parameter %s of unknown kind %d", p.Name, p.Kind))
}

// FormatNumber writes x in the shortest form that parses back to x.
func FormatNumber(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// Float returns the value of a Number or Integer parameter.
func (s State) Float(name string) float64 {
	x, err := strconv.ParseFloat(s.Values[name], 64)
	if err != nil {
		panic(fmt.Sprintf("state: parameter %s holds %q", name, s.Values[name]))
	}
	return x
}

// Set stores a canonical value (a caller bug panics).
func (s State) Set(sc *Scene, name, v string) {
	i := slices.IndexFunc(sc.Params, func(p Param) bool { return p.Name == name })
	if i < 0 {
		panic("state: no parameter " + name + " in scene " + sc.ID)
	}
	c, err := sc.Params[i].Canonical(v)
	if err != nil {
		panic(fmt.Sprintf("state: %s=%s %v", name, v, err))
	}
	s.Values[name] = c
}

// SetFloat stores x, rounded to the parameter's step when it has one
// and clamped to its range.
func (s State) SetFloat(sc *Scene, name string, x float64) {
	p := sc.Param(name)
	if p.Step > 0 {
		x = math.Round(x/p.Step) * p.Step
		// Undo the float noise of the product (0.1*3 = 0.30000000000000004).
		x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	}
	s.Set(sc, name, FormatNumber(math.Min(math.Max(x, p.Min), p.Max)))
}

// Param returns the declaration of name in sc (a caller bug panics).
func (sc *Scene) Param(name string) *Param {
	for i := range sc.Params {
		if sc.Params[i].Name == name {
			return &sc.Params[i]
		}
	}
	panic("state: no parameter " + name + " in scene " + sc.ID)
}

// EncodeBits writes a bitmap as Bits parameters are written.
func EncodeBits(bits []bool) string {
	b := make([]byte, (len(bits)+7)/8)
	for i, on := range bits {
		if on {
			b[i/8] |= 0x80 >> (i % 8)
		}
	}
	if !slices.ContainsFunc(b, func(c byte) bool { return c != 0 }) {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeBits reads a bitmap of n bits written by EncodeBits; the empty
// string is all clear. Data of the wrong length or alphabet is an error.
func DecodeBits(v string, n int) ([]bool, error) {
	bits := make([]bool, n)
	if v == "" {
		return bits, nil
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(v)
	if err != nil || len(b) != (n+7)/8 {
		return nil, fmt.Errorf("is not a painting of %d cells in base64url", n)
	}
	for i := range bits {
		bits[i] = b[i/8]&(0x80>>(i%8)) != 0
	}
	return bits, nil
}
