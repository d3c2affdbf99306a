// Package jobs holds the page's long computations and the protocol that
// runs them, in plain Go, so that one definition serves every end:
//
//   - a Kind per computation: its parameters type P, its result type R
//     and its constructor, registered once (kinds.go). The page submits
//     a typed request (Kind.Request) and decodes typed results
//     (Kind.Decode); the compute worker starts the job by the name in
//     the message (Start);
//   - one Message type for both directions of postMessage, encoded as
//     bytes by one codec (message.go), so no field name or kind string is
//     spelled separately on the two sides;
//   - one Inputs encoding for "digits plus a model" (inputs.go);
//   - one Runner (runner.go) that steps a job for a bounded time,
//     throttles its partial results and honours cancel: the worker
//     (wasm/worker) runs it between yields to its event loop, and the
//     page (wasm/app) runs it a few milliseconds per frame where workers
//     are unavailable. The same job gives the same bytes either way.
//
// Every job is a core computation that implements step.Stepper, adapted
// by Kind; the blocking forms of the same computations are what the
// command-line tools run, so page and CLI compute the same numbers.
package jobs
