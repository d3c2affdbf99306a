package scene

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/core/train"
	"noiseball/wasm/state"
)

// TrainID is the train scene's id.
const TrainID = "train"

// trainSizes are the training-set sizes the scene offers: the first N
// digits of MNIST's training set.
var trainSizes = []string{"1000", "2000", "5000", "10000", "20000", "60000"}

var trainScene = state.Scene{ID: TrainID, Title: "Train", Beyond: true, Params: []state.Param{
	{Name: "arch", Label: "Architecture", Help: "Softmax regression, a multilayer perceptron (256 and 128 ReLU units) or the zoo's small CNN.",
		Kind: state.Choice, Choices: nn.Archs, ChoiceLabels: []string{"linear", "MLP 256-128", "CNN"}, Default: "cnn"},
	{Name: "method", Label: "Recipe", Help: "Clean training, Gaussian data augmentation (fresh noise on every example) or adversarial training with PGD.",
		Kind: state.Choice, Choices: []string{"clean", "gauss", "pgd"}, ChoiceLabels: []string{"clean", "Gaussian augmentation", "adversarial (PGD)"}, Default: "gauss"},
	{Name: "sigma", Label: "Noise σ", Help: "The standard deviation of the training noise, in pixels of [0,1].",
		Kind: state.Number, Min: 0.05, Max: 1, Step: 0.05, Default: "0.4"},
	{Name: "norm", Label: "PGD norm", Help: "The ball the attack stays in: L2 or L∞.",
		Kind: state.Choice, Choices: []string{"l2", "linf"}, ChoiceLabels: []string{"L2", "L∞"}, Default: "l2"},
	{Name: "eps", Label: "PGD radius ε", Help: "The radius of the attack's ball (try 1 for L2, 0.1 for L∞).",
		Kind: state.Number, Min: 0.01, Max: 3, Step: 0.01, Default: "1"},
	{Name: "steps", Label: "PGD steps", Help: "Steps of the attack per training example, each 2.5·ε/steps long.",
		Kind: state.Integer, Min: 1, Max: 20, Step: 1, Default: "5"},
	{Name: "epochs", Label: "Epochs", Help: "Passes over the training digits.",
		Kind: state.Integer, Min: 1, Max: 20, Step: 1, Default: "1"},
	{Name: "batch", Label: "Batch size", Help: "Digits per step of Adam; small batches learn faster from few digits.",
		Kind: state.Choice, Choices: []string{"16", "32", "64", "128"}, ChoiceLabels: []string{"16", "32", "64", "128"}, Default: "32"},
	{Name: "lr", Label: "Learning rate", Help: "Adam's step size at the start; it falls to 0 along a cosine over the run.",
		Kind: state.Number, Min: 0.0001, Max: 0.03, Log: true, Default: "0.003"},
	{Name: "size", Label: "Training digits", Help: "The first N digits of MNIST's training set; the page downloads them in parts of 10,000.",
		Kind: state.Choice, Choices: trainSizes, ChoiceLabels: []string{"1,000", "2,000", "5,000", "10,000", "20,000", "all 60,000"}, Default: "5000"},
	seedParam,
}}

// trainRelevant reports whether the train scene's parameter name applies
// to the recipe chosen in s.
func trainRelevant(s state.State, name string) bool {
	switch name {
	case "sigma":
		return s.Values["method"] == "gauss"
	case "norm", "eps", "steps":
		return s.Values["method"] == "pgd"
	}
	return true
}

// Train is a training run of the page: the model and the number of test
// digits that follow the training digits in the job's inputs (the
// evaluations' set, train.Session).
type Train struct {
	Spec train.Spec `json:"spec"`
	Test int        `json:"test"`
}

// Apply reads the scene's parameters into the spec, as `noiseball
// train` reads its flags (mlp's hidden layers are the CLI's default,
// PGD's step is 2.5·ε/steps with a random start; Adam on a cosine
// schedule, as the zoo), keeping its name.
func (p *Train) Apply(s state.State) {
	method := s.Values["method"]
	r := train.Defaults(method)
	r.Epochs, r.Seed, r.Batch, r.LR = int(s.Float("epochs")), uint64(s.Float("seed")), int(s.Float("batch")), s.Float("lr")
	switch method {
	case "gauss":
		r.Sigma = s.Float("sigma")
	case "pgd":
		r.Norm, r.Eps, r.Steps = s.Values["norm"], s.Float("eps"), int(s.Float("steps"))
		r.StepSize = 2.5 * r.Eps / float64(r.Steps)
	}
	spec := train.Spec{Name: p.Spec.Name, Arch: s.Values["arch"], Recipe: r, Limit: int(s.Float("size"))}
	if spec.Arch == "mlp" {
		spec.Hidden = []int{256, 128}
	}
	p.Spec, p.Test = spec, MNISTTest
}

// DefaultName is the name the page proposes for a model: "my-", the
// architecture and the recipe, as the zoo names its models
// (my-cnn-gauss0.4, my-cnn-pgd-l2-1).
func DefaultName(spec train.Spec) string {
	r := spec.Recipe
	name := "my-" + spec.Arch + "-" + r.Method
	switch r.Method {
	case "gauss":
		name += state.FormatNumber(r.Sigma)
	case "pgd":
		name += "-" + r.Norm + "-" + state.FormatNumber(r.Eps)
	}
	return name
}

// CheckName reports whether name can name a model: 1 to 40 letters,
// digits, '.', '-' or '_', so it is safe in a file name, a link and a
// select's option.
func CheckName(name string) error {
	if len(name) == 0 || len(name) > 40 || strings.Trim(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") != "" {
		return fmt.Errorf("a model's name is 1 to 40 letters, digits, dots, dashes or underscores, not %q", name)
	}
	return nil
}

// Estimate returns the seconds the run should take on one worker
// computing at speed s (Speed.FLOPS): training (a forward and a backward pass, three forward passes' worth,
// per example and epoch, and 2·steps more for PGD's attack), the
// evaluations after every epoch and the final one on the test set.
func (p Train) Estimate(s Speed) float64 {
	specs, err := nn.MNISTArch(p.Spec.Arch, p.Spec.Hidden)
	if err != nil {
		return 0
	}
	net, err := nn.New(nn.MNIST, specs, nil)
	if err != nil {
		return 0
	}
	r := p.Spec.Recipe
	perExample := 3.0
	if r.Method == "pgd" {
		perExample += 2 * float64(r.Steps)
	}
	passes := perExample*float64(p.Spec.Limit*r.Epochs) + float64(r.Epochs*len(train.EvalSigmas)*train.EvalImages) + float64(p.Test)
	return passes * net.Cost().FLOPs / s.FLOPS
}

// TrainResult is what a train job reports: the session's report while it
// runs, and once it is done the weights file (safetensors, with the
// metadata `noiseball train` writes).
type TrainResult struct {
	train.Report
	Weights []byte `json:"weights,omitempty"`
	// Helped counts the gradient shards another worker computed.
	Helped int `json:"helped"`
}

// TrainRun is the train job: a train.Session on the digits sent.
type TrainRun struct {
	p       Train
	Session *train.Session
	// Helped counts the shards another worker computed (see
	// train.Helper): its helper wrapper adds to it.
	Helped int
}

// NewTrainRun checks p and the digits sent (p.Spec.Limit training
// digits, then p.Test test digits, labeled) and sets the session up.
func NewTrainRun(p Train, labels, pixels []byte) (*TrainRun, error) {
	if err := p.Spec.Validate(); err != nil {
		return nil, err
	}
	if err := CheckName(p.Spec.Name); err != nil {
		return nil, err
	}
	n := len(labels)
	if p.Spec.Limit < 1 || p.Test < 1 || n != p.Spec.Limit+p.Test || len(pixels) != n*data.MNISTPixels {
		return nil, fmt.Errorf("a training run of %d digits tested on %d needs %d labeled digits, not %d", p.Spec.Limit, p.Test, p.Spec.Limit+p.Test, n)
	}
	const d = data.MNISTPixels
	k := p.Spec.Limit
	trainSet, err := data.MNISTFromBytes("mnist-train", labels[:k], pixels[:k*d])
	if err != nil {
		return nil, err
	}
	test, err := data.MNISTFromBytes("mnist-test", labels[k:], pixels[k*d:])
	if err != nil {
		return nil, err
	}
	s, err := train.NewSession(p.Spec, trainSet, test)
	if err != nil {
		return nil, err
	}
	return &TrainRun{p: p, Session: s}, nil
}

// Step trains a batch or takes a step of an evaluation.
func (r *TrainRun) Step() bool { return r.Session.Step() }

// Progress is the session's.
func (r *TrainRun) Progress() (done, total int) { return r.Session.Progress() }

// Result returns the report so far and, once done, the weights file.
func (r *TrainRun) Result() (TrainResult, error) {
	res := TrainResult{Report: r.Session.Report(), Helped: r.Helped}
	if res.Done {
		var b bytes.Buffer
		if err := nn.Save(&b, r.Session.Net, r.Session.Metadata(r.p.Spec.Command(r.p.Spec.Name+".safetensors"))); err != nil {
			return res, err
		}
		res.Weights = b.Bytes()
	}
	return res, nil
}

// TrainView is what the train scene shows: the run asked for, its
// latest report and the speed its estimate assumes.
type TrainView struct {
	P     Train
	Res   *TrainResult
	Speed Speed
}

// Summary reads the run in words.
func (v *TrainView) Summary() string {
	r, what := v.Res, TrainTitle(v.P.Spec)
	switch {
	case r == nil:
		return what + fmt.Sprintf(". Press Train to start; it takes %s on one worker.", About(v.P.Estimate(v.Speed)))
	case !r.Done:
		if len(r.Curve) == 0 {
			return what + ": starting…"
		}
		c := r.Curve[len(r.Curve)-1]
		return what + fmt.Sprintf(": %s examples so far, training loss %s, accuracy %s.", Thousands(c.Examples), Num(c.Loss), Num(c.Accuracy))
	}
	out := what + fmt.Sprintf(": clean test accuracy %s (10,000 digits).", percent(r.TestAccuracy))
	if len(r.Epochs) > 0 {
		e := r.Epochs[len(r.Epochs)-1]
		var parts []string
		for i, sigma := range train.EvalSigmas[1:] {
			parts = append(parts, fmt.Sprintf("%s at σ = %s", percent(e.Noise[i+1]), state.FormatNumber(sigma)))
		}
		out += fmt.Sprintf(" In Gaussian noise (%d digits): %s.", train.EvalImages, strings.Join(parts, ", "))
	}
	return out
}

// TrainTitle names the model of s and how it is trained in a line:
// "my-cnn-gauss0.4: a cnn trained with Gaussian augmentation at σ = 0.4
// on 5,000 digits for 1 epoch".
func TrainTitle(s train.Spec) string {
	return fmt.Sprintf("%s: a %s trained %s on %s digits for %d epoch%s", s.Name, s.Arch, recipeWords(s.Recipe),
		Thousands(s.Limit), s.Recipe.Epochs, Plural(s.Recipe.Epochs))
}

// recipeWords names a recipe in a few words.
func recipeWords(r train.Recipe) string {
	switch r.Method {
	case "gauss":
		return "with Gaussian augmentation at σ = " + state.FormatNumber(r.Sigma)
	case "pgd":
		norm := map[string]string{"l2": "L2", "linf": "L∞"}[r.Norm]
		return fmt.Sprintf("adversarially (%s PGD, ε = %s, %d steps)", norm, state.FormatNumber(r.Eps), r.Steps)
	}
	return "cleanly"
}

// Plural returns "s" unless n is 1.
func Plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// percent writes a fraction as a percentage with one decimal: "97.1%".
func percent(x float64) string { return strconv.FormatFloat(100*x, 'f', 1, 64) + "%" }

// Thousands writes n with commas: 60,000.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// WriteJSON writes the run's spec and report (not the weights: the
// Download button saves those).
func (v *TrainView) WriteJSON(w io.Writer) error {
	return writeJSON(w, TrainID, struct {
		Spec   train.Spec `json:"spec"`
		Sigmas []float64  `json:"eval_sigmas"`
		train.Report
		Helped int `json:"shards_computed_by_another_worker"`
	}{v.P.Spec, train.EvalSigmas, v.Res.Report, v.Res.Helped}, true)
}

// WriteCSV writes the training curve, one point a row.
func (v *TrainView) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"examples", "training_loss", "training_accuracy"})
	for _, c := range v.Res.Curve {
		cw.Write([]string{strconv.Itoa(c.Examples), csvNumber(c.Loss, false), csvNumber(c.Accuracy, false)})
	}
	cw.Flush()
	return cw.Error()
}
