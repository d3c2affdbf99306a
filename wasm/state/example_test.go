package state_test

import (
	"fmt"

	"noiseball/wasm/state"
)

func ExampleParse() {
	scenes := []state.Scene{{ID: "noiseball", Params: []state.Param{
		{Name: "n", Kind: state.Integer, Min: 1, Max: 1e6, Default: "784"},
		{Name: "sigma", Kind: state.Number, Min: 0.05, Max: 1, Default: "0.3"},
	}}}
	s, problems := state.Parse("#scene=noiseball&n=100&sigma=7", scenes)
	fmt.Println(s.Hash(&scenes[0]))
	fmt.Println(state.Sentence(problems))
	// Output:
	// #scene=noiseball&n=100&sigma=0.3
	// This link has problems (sigma=7 is not a number from 0.05 to 1), so the defaults are used for them.
}
