// The benchmark page of 'make bench-browser' (tools/browsertest/
// bench_test.go): the same three workloads on Noise Ball's Go engine, in
// a Web Worker (tools/benchbrowser/engine, with and without the SIMD
// kernel), and on TensorFlow.js's wasm backend with SIMD and one thread
// (no cross-origin isolation, so no threads), alternating, in one
// session. The cnn is the zoo's (conv 5×5×8, ReLU, max-pool, conv
// 5×5×16, ReLU, max-pool, linear 784→10) with cnn-clean's weights, on
// MNIST's first 1,000 test digits:
//   infer: logits of every digit in batches of 256;
//   train: plain SGD (0.01) in batches of 64, two passes, He init;
//   pgd:   20-step L2 PGD (ε 2, step 0.25, clipped) on 100 digits at once.
// Each engine runs each workload once untimed on its first batch (a
// forward pass, a gradient with no update, one PGD gradient) before the
// timed run, so both are measured with their hot code optimized, as in
// the page's long-lived workers.
// And the cold start: from a fresh worker's creation to its first
// prediction, with the program (the engine's worker.wasm and kernel, or
// TF.js and its wasm backend) to fetch and compile, the weights to read
// and one digit to classify (first_ms in each result).
// The result is window.benchResult: {rounds: [{go, go_plain, tfjs}], env}.
"use strict";
const status = (s) => { document.getElementById("status").textContent = s; };
const log = (s) => { document.getElementById("out").textContent += s + "\n"; };
const ROUNDS = Number(new URLSearchParams(location.search).get("rounds")) || 3;

async function bytes(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(url + ": " + r.status);
  return new Uint8Array(await r.arrayBuffer());
}

// idx returns the payload of an IDX file (MNIST's format) after its
// header: a magic with the rank in its last byte, then the dimensions.
function idx(b) {
  const rank = b[3];
  return b.subarray(4 + 4 * rank);
}

// tfjsCold starts TensorFlow.js in a fresh worker, as the engine starts
// in one, and resolves with the milliseconds from the worker's creation
// to its first prediction (tfjs-worker.js).
function tfjsCold(data) {
  return new Promise((resolve, reject) => {
    const w = new Worker("tfjs-worker.js");
    w.onmessage = (e) => {
      w.terminate();
      if (e.data.error) reject(new Error(e.data.error));
      else resolve(e.data.first_ms);
    };
    w.onerror = (e) => reject(new Error(e.message));
    w.postMessage({ weights: data.weights, digit: idx(data.images).slice(0, 784) });
  });
}

function engine(data, kernel) {
  return new Promise((resolve, reject) => {
    const w = new Worker("worker.js?program=engine.wasm&runtime=wasm_exec.js&glue=simd.js&kernel=" + kernel);
    w.onmessage = (e) => {
      w.terminate();
      if (e.data.error || e.data.type === "failed") reject(new Error(e.data.error || e.data.message));
      else resolve(e.data);
    };
    w.onerror = (e) => reject(new Error(e.message));
    w.postMessage({ images: idx(data.images), labels: idx(data.labels), weights: data.weights });
  });
}

async function tfjsRun(data) {
  const n = idx(data.labels).length;
  const px = idx(data.images), lb = idx(data.labels);
  const xs = new Float32Array(n * 784);
  for (let i = 0; i < n * 784; i++) xs[i] = px[i] / 255;
  const x = tf.tensor4d(xs, [n, 28, 28, 1]);
  const labels = Array.from(lb.subarray(0, n));
  const y = tf.cast(tf.oneHot(tf.tensor1d(labels, "int32"), 10), "float32");
  const w = safetensors(data.weights);
  const res = {};

  // infer
  const model = tfjsModel(w, false);
  tf.tidy(() => { model.f(tf.slice(x, [0, 0, 0, 0], [Math.min(256, n), 28, 28, 1])).dataSync(); }); // warm-up
  let t0 = performance.now(), correct = 0;
  for (let b = 0; b < n; b += 256) {
    const m = Math.min(256, n - b);
    const pred = tf.tidy(() => tf.argMax(model.f(tf.slice(x, [b, 0, 0, 0], [m, 28, 28, 1])), 1)).dataSync();
    for (let i = 0; i < m; i++) if (pred[i] === labels[b + i]) correct++;
  }
  res.infer_ex_s = n / ((performance.now() - t0) / 1000);
  res.accuracy = correct / n;

  // train
  const fresh = tfjsModel(w, true);
  const opt = tf.train.sgd(0.01);
  let trained = 0;
  tf.tidy(() => { // warm-up: a gradient, no update
    const xb = tf.slice(x, [0, 0, 0, 0], [64, 28, 28, 1]), yb = tf.slice(y, [0, 0], [64, 10]);
    const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(yb, fresh.f(xb)), fresh.vars);
    Object.values(grads)[0].dataSync();
  });
  t0 = performance.now();
  for (let pass = 0; pass < 2; pass++) {
    for (let b = 0; b + 64 <= n; b += 64) {
      tf.tidy(() => {
        const xb = tf.slice(x, [b, 0, 0, 0], [64, 28, 28, 1]), yb = tf.slice(y, [b, 0], [64, 10]);
        opt.minimize(() => tf.losses.softmaxCrossEntropy(yb, fresh.f(xb)), false, fresh.vars);
      });
      trained += 64;
    }
  }
  fresh.vars[0].dataSync();
  res.train_ex_s = trained / ((performance.now() - t0) / 1000);

  // pgd
  const P = 100, eps = 2, step = 0.25;
  const x0 = tf.slice(x, [0, 0, 0, 0], [P, 28, 28, 1]), y0 = tf.slice(y, [0, 0], [P, 10]);
  const grad = tf.grad((xa) => tf.losses.softmaxCrossEntropy(y0, model.f(xa), undefined, undefined, tf.Reduction.SUM));
  tf.tidy(() => grad(x0).dataSync()); // warm-up: one gradient
  t0 = performance.now();
  let xa = tf.clone(x0);
  for (let s = 0; s < 20; s++) {
    const next = tf.tidy(() => {
      const g = grad(xa);
      const gn = tf.sqrt(tf.sum(tf.square(g), [1, 2, 3], true));
      const moved = tf.add(xa, tf.mul(tf.div(g, tf.maximum(gn, 1e-30)), step));
      let d = tf.sub(moved, x0);
      const dn = tf.sqrt(tf.sum(tf.square(d), [1, 2, 3], true));
      d = tf.mul(d, tf.minimum(1, tf.div(eps, tf.maximum(dn, 1e-30))));
      return tf.clipByValue(tf.add(x0, d), 0, 1);
    });
    xa.dispose();
    xa = next;
  }
  const pred = tf.tidy(() => tf.argMax(model.f(xa), 1)).dataSync();
  res.pgd_s = (performance.now() - t0) / 1000;
  let robust = 0;
  for (let i = 0; i < P; i++) if (pred[i] === labels[i]) robust++;
  res.pgd_accuracy = robust / P;
  tf.disposeVariables();
  tf.dispose([x, y, x0, y0, xa]);
  return res;
}

(async () => {
  try {
    tf.wasm.setWasmPaths(new URL("tfjs/", location.href).href);
    await tf.setBackend("wasm");
    await tf.ready();
    const env = {
      tfjs: tf.version_core,
      backend: tf.getBackend(),
      simd: await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"),
      threads: await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"),
      cores: navigator.hardwareConcurrency,
      userAgent: navigator.userAgent,
    };
    const data = {
      images: await bytes("assets/data/mnist-test1k-images.idx"),
      labels: await bytes("assets/data/mnist-test1k-labels.idx"),
      weights: await bytes("assets/models/cnn-clean.safetensors"),
    };
    const rounds = [];
    for (let r = 0; r < ROUNDS; r++) {
      status("Round " + (r + 1) + " of " + ROUNDS + ": the Go engine with the SIMD kernel");
      const go = await engine(data, "simd.wasm");
      status("Round " + (r + 1) + ": the Go engine on Go's own kernels");
      const goPlain = await engine(data, "none");
      status("Round " + (r + 1) + ": TensorFlow.js");
      const tfjs = await tfjsRun(data);
      status("Round " + (r + 1) + ": TensorFlow.js starting in a fresh worker");
      tfjs.first_ms = await tfjsCold(data);
      rounds.push({ go, go_plain: goPlain, tfjs });
      log(JSON.stringify(rounds[r]));
    }
    status("Done");
    window.benchResult = { env, rounds };
  } catch (e) {
    status("Failed: " + e.message);
    window.benchResult = { error: String(e.stack || e) };
  }
})();
