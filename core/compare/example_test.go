package compare_test

import (
	"fmt"

	"noiseball/core/compare"
)

func ExampleTable_Model() {
	t := compare.Table{Models: []compare.Result{{Name: "cnn-clean", Clean: compare.NewRate(981, 1000)},
		{Name: "cnn-gauss0.4", Noise: map[string]compare.Rate{compare.Key(0.3): compare.NewRate(970, 1000)}}}}
	r := t.Model("cnn-clean")
	fmt.Printf("%s: %.3f clean (95%%: %.3f to %.3f)\n", r.Name, r.Clean.Value, r.Clean.CI[0], r.Clean.CI[1])
	fmt.Println(t.Model("cnn-gauss0.4").Noise["0.3"].K, "of 1000 right at σ = 0.3;", t.Model("mlp") == nil)
	// Output:
	// cnn-clean: 0.981 clean (95%: 0.970 to 0.989)
	// 970 of 1000 right at σ = 0.3; true
}
