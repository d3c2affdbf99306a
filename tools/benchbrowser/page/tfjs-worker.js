// bench.js's cold start on TensorFlow.js: a fresh worker loads TF.js and
// its wasm backend (SIMD, one thread), builds the cnn from the weights it
// is sent (tfjs-model.js) and classifies one digit, then posts first_ms,
// the time from its creation (a worker's clock starts there) to that
// prediction, as the engine's worker reports it for itself.
"use strict";
importScripts("tfjs/tf.min.js", "tfjs/tf-backend-wasm.min.js", "tfjs-model.js");

onmessage = async (e) => {
  try {
    tf.wasm.setWasmPaths(new URL("tfjs/", location.href).href);
    await tf.setBackend("wasm");
    await tf.ready();
    const model = tfjsModel(safetensors(e.data.weights), false);
    const x = tf.tensor4d(Float32Array.from(e.data.digit, (v) => v / 255), [1, 28, 28, 1]);
    const pred = tf.argMax(model.f(x), 1).dataSync()[0];
    postMessage({ first_ms: performance.now(), pred });
  } catch (err) {
    postMessage({ error: String(err && err.stack || err) });
  }
};
