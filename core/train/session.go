package train

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/core/noise"
)

// Spec names a model to train on MNIST: its architecture, its recipe and
// the training examples it sees. `noiseball train` and the page's train
// scene both run a Spec through a Session, so the same Spec gives the
// same weights, bit for bit, in both.
type Spec struct {
	Name   string `json:"name"`
	Arch   string `json:"arch"`             // "linear", "mlp" or "cnn" (nn.MNISTArch)
	Hidden []int  `json:"hidden,omitempty"` // mlp: hidden layer sizes
	Recipe Recipe `json:"recipe"`
	// Limit keeps the first Limit training examples (0: all of them).
	Limit int `json:"limit,omitempty"`
}

// Validate reports the first field of s that a Session cannot run, as an
// error a user can act on.
func (s *Spec) Validate() error {
	if _, err := nn.MNISTArch(s.Arch, s.Hidden); err != nil {
		return err
	}
	if s.Limit < 0 || s.Limit > data.MNISTTrain {
		return fmt.Errorf("train: a limit of %d training examples is not 0 (all) to %d", s.Limit, data.MNISTTrain)
	}
	return s.Recipe.Validate()
}

// Command returns the command line that trains s and writes it to out:
// the "command" a file trained elsewhere (in the page) carries, so that
// anyone can train it again with the command-line tool.
func (s *Spec) Command(out string) string {
	r := s.Recipe
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	args := []string{"go run ./tools/noiseball train", "-arch", s.Arch}
	if s.Arch == "mlp" {
		h := make([]string, len(s.Hidden))
		for i, n := range s.Hidden {
			h[i] = strconv.Itoa(n)
		}
		args = append(args, "-hidden", strings.Join(h, ","))
	}
	args = append(args, "-method", r.Method)
	switch r.Method {
	case "gauss":
		args = append(args, "-sigma", f(r.Sigma))
	case "pgd":
		args = append(args, "-norm", r.Norm, "-eps", f(r.Eps), "-steps", strconv.Itoa(r.Steps), "-step-size", f(r.StepSize),
			"-random-start="+strconv.FormatBool(r.RandomStart))
	}
	args = append(args, "-epochs", strconv.Itoa(r.Epochs), "-batch", strconv.Itoa(r.Batch), "-optimizer", r.Optimizer,
		"-lr", f(r.LR))
	if r.Optimizer == "sgd" {
		args = append(args, "-momentum", f(r.Momentum))
	}
	args = append(args, "-schedule", r.Schedule, "-seed", strconv.FormatUint(r.Seed, 10))
	if s.Limit > 0 {
		args = append(args, "-limit", strconv.Itoa(s.Limit))
	}
	if s.Name != "" {
		args = append(args, "-name", s.Name)
	}
	return strings.Join(append(args, "-out", out), " ")
}

// Format is the "format" metadata of every weights file the engine
// writes: what the network reads and what it returns.
const Format = "noiseball/1: inputs 1x28x28 pixels in [0,1], no normalization; logits out"

// EvalSigmas are the noise levels (pixels in [0,1]) at which a Session
// measures test accuracy after every epoch; 0 is the clean accuracy.
var EvalSigmas = []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5}

// EvalImages is how many test digits, from the first, the evaluation
// after every epoch reads at each of EvalSigmas (one noisy copy each):
// about ±4 points of accuracy at 95%, in a few seconds in a browser.
const EvalImages = 500

// evalChunk is how many digits one step of the epoch evaluation reads,
// and finalBatch the batch of the final evaluation on the test set.
const (
	evalChunk  = 100
	finalBatch = 250
)

// CurvePoint is a point of the training curve: the mean loss and
// accuracy of the mini-batches since the previous point, as trained
// (noisy or adversarial), after Examples training examples.
type CurvePoint struct {
	Examples int     `json:"examples"`
	Loss     float64 `json:"loss"`
	Accuracy float64 `json:"accuracy"`
}

// EpochEval is the evaluation after one epoch: the epoch's mean training
// loss and accuracy, and the accuracy on the first EvalImages test digits
// under N(0, σ²I) noise at each of EvalSigmas (noise.AccuracyCurve, one
// copy, before the weights are rounded to float32).
type EpochEval struct {
	Epoch    int       `json:"epoch"`
	Loss     float64   `json:"loss"`
	Accuracy float64   `json:"accuracy"`
	Noise    []float64 `json:"noise_accuracy"`
}

// Report is what a Session has measured so far.
type Report struct {
	Curve  []CurvePoint `json:"curve"`
	Epochs []EpochEval  `json:"epochs"`
	// Examples is the number of training examples seen, all epochs.
	Examples int `json:"examples"`
	// TestAccuracy and TestLoss are measured on the whole test set with
	// the weights rounded to float32, as they are saved, once Done.
	TestAccuracy float64 `json:"test_accuracy"`
	TestLoss     float64 `json:"test_loss"`
	Done         bool    `json:"done"`
}

// maxCurve bounds the points of a Session's training curve: each point
// averages enough mini-batches that a run has at most about this many.
const maxCurve = 400

// Session trains a Spec's network and measures it (a step.Stepper): a
// mini-batch a step, after every epoch the accuracy in noise on the
// first EvalImages test digits in chunks, and at the end the weights
// rounded to float32 (as saved) and measured on the whole test set.
type Session struct {
	Spec  Spec
	Net   *nn.Network
	Train *Trainer
	test  *data.Set
	eval  *data.Set
	rep   Report

	every            int // mini-batches per curve point
	sumLoss, sumAcc  float64
	count            int
	evaluating       bool       // measuring the epoch just trained
	evalRand         *rand.Rand // the epoch evaluation's noise
	sigma, at, right int        // its position: σ index, next digit, correct so far
	final            *Evaluator
}

// NewSession builds the network of spec (weights drawn from the
// recipe's seed) and its trainer on the first spec.Limit examples of
// trainSet; test is the set of the evaluations (MNIST's test set).
func NewSession(spec Spec, trainSet, test *data.Set) (*Session, error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	if spec.Limit > trainSet.N {
		return nil, fmt.Errorf("train: %d training examples asked for, %d at hand", spec.Limit, trainSet.N)
	}
	if spec.Limit > 0 {
		trainSet = trainSet.Slice(0, spec.Limit)
	}
	if test.N == 0 {
		return nil, fmt.Errorf("train: the test set is empty")
	}
	specs, _ := nn.MNISTArch(spec.Arch, spec.Hidden)
	net, err := nn.New(nn.MNIST, specs, rand.New(rand.NewPCG(spec.Recipe.Seed, 0x696e6974)))
	if err != nil {
		return nil, err
	}
	tr, err := New(net, trainSet, spec.Recipe)
	if err != nil {
		return nil, err
	}
	_, batches := tr.Progress()
	s := &Session{Spec: spec, Net: net, Train: tr, test: test, eval: test.Slice(0, min(EvalImages, test.N)),
		every: (batches + maxCurve - 1) / maxCurve}
	s.rep.Curve, s.rep.Epochs = []CurvePoint{}, []EpochEval{}
	return s, nil
}

// Step takes one step (a mini-batch, a chunk of an evaluation) and
// reports whether the session is complete.
func (s *Session) Step() bool {
	switch {
	case s.rep.Done:
	case s.evaluating:
		s.evalStep()
	case !s.Train.Done():
		epoch := s.Train.State().Epoch
		s.Train.Step()
		p := s.Train.State()
		s.rep.Examples = p.Examples
		s.sumLoss += p.BatchLoss
		s.sumAcc += p.BatchAccuracy
		if s.count++; s.count == s.every || p.Epoch > epoch {
			s.rep.Curve = append(s.rep.Curve, CurvePoint{p.Examples, s.sumLoss / float64(s.count), s.sumAcc / float64(s.count)})
			s.sumLoss, s.sumAcc, s.count = 0, 0, 0
		}
		if p.Epoch > epoch {
			s.rep.Epochs = append(s.rep.Epochs, EpochEval{Epoch: p.Epoch, Noise: []float64{}})
			s.evaluating = true
			s.evalRand = rand.New(rand.NewPCG(s.Spec.Recipe.Seed, 0x6576616c00+uint64(p.Epoch)))
			s.sigma, s.at, s.right = 0, 0, 0
		}
	case s.final == nil:
		s.Net.RoundToFloat32()
		s.final = NewEvaluator(s.Net, s.test, finalBatch)
	default:
		if s.final.Step() {
			s.rep.TestAccuracy, s.rep.TestLoss = s.final.Result()
			s.rep.Done = true
		}
	}
	return s.rep.Done
}

// evalStep reads the next chunk of the epoch evaluation: noise.AccuracyCurve
// at one σ on the next evalChunk digits, drawing from the epoch's source
// in the order one call over all EvalSigmas and digits would.
func (s *Session) evalStep() {
	n := min(evalChunk, s.eval.N-s.at)
	c := noise.AccuracyCurve(s.Net, s.eval.Slice(s.at, n), EvalSigmas[s.sigma:s.sigma+1], 1, s.evalRand)
	s.right += c[0].Correct
	if s.at += n; s.at < s.eval.N {
		return
	}
	e := &s.rep.Epochs[len(s.rep.Epochs)-1]
	e.Noise = append(e.Noise, float64(s.right)/float64(s.eval.N))
	s.at, s.right = 0, 0
	if s.sigma++; s.sigma == len(EvalSigmas) {
		p := s.Train.State()
		// The epoch's training means, kept before the next epoch resets them.
		e.Loss, e.Accuracy = p.Loss, p.Accuracy
		s.evaluating = false
	}
}

// Progress counts work in classified examples: a training example as 3
// (a forward and a backward pass), an evaluated one as 1.
func (s *Session) Progress() (done, total int) {
	bd, bt := s.Train.Progress()
	b, perEpoch := s.Spec.Recipe.Batch, len(EvalSigmas)*s.eval.N
	total = 3*bt*b + s.Spec.Recipe.Epochs*perEpoch + s.test.N
	done = 3*bd*b + len(s.rep.Epochs)*perEpoch
	if s.evaluating {
		done -= perEpoch - s.sigma*s.eval.N - s.at
	}
	if s.final != nil {
		fd, _ := s.final.Progress()
		done += fd
	}
	return done, total
}

// Report returns what the session has measured so far (a copy).
func (s *Session) Report() Report {
	r := s.rep
	r.Curve = append([]CurvePoint(nil), s.rep.Curve...)
	r.Epochs = make([]EpochEval, len(s.rep.Epochs))
	for i, e := range s.rep.Epochs {
		e.Noise = append([]float64(nil), e.Noise...)
		r.Epochs[i] = e
	}
	return r
}

// Metadata returns the "__metadata__" of the trained model's weights
// file (nn.Save adds the layers): its name, recipe, headline metrics,
// the evaluation after every epoch, the format, and command, the
// command line that trains it. It panics before the session is done (a caller
// bug).
func (s *Session) Metadata(command string) map[string]string {
	if !s.rep.Done {
		panic("train: Metadata of a session that is not done")
	}
	rj, _ := json.Marshal(s.Spec.Recipe)
	metrics, _ := json.Marshal(map[string]float64{"test_accuracy": s.rep.TestAccuracy, "test_loss": s.rep.TestLoss,
		"train_examples": float64(s.rep.Examples)})
	epochs, _ := json.Marshal(struct {
		Sigmas []float64   `json:"sigmas"`
		Images int         `json:"images"`
		Epochs []EpochEval `json:"epochs"`
	}{EvalSigmas, s.eval.N, s.rep.Epochs})
	return map[string]string{
		"name":        s.Spec.Name,
		"recipe":      string(rj),
		"metrics":     string(metrics),
		"evaluations": string(epochs),
		"command":     command,
		"format":      Format,
	}
}
