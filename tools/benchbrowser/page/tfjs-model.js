// The cnn on TensorFlow.js for bench.js and its cold-start worker
// (tfjs-worker.js): cnn-clean's weights read from safetensors, and the
// model in TF.js's fastest form for each workload. A plain script that
// defines globals, loaded by bench.html and by importScripts.
"use strict";

// safetensors returns {name: {shape, data: Float32Array}}.
function safetensors(b) {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = Number(dv.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(b.subarray(8, 8 + n)));
  const out = {};
  for (const [name, t] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    if (t.dtype !== "F32") throw new Error(name + " is " + t.dtype);
    const [from, to] = t.data_offsets;
    const copy = b.slice(8 + n + from, 8 + n + to);
    out[name] = { shape: t.shape, data: new Float32Array(copy.buffer) };
  }
  return out;
}

// conv5 is a 5×5 "same" convolution with stride 1 whose gradient runs on
// the wasm backend, which has no Conv2DBackpropFilter kernel in 4.22: the
// input gradient is conv2dTranspose (Conv2DBackpropInput, which it has),
// the filter gradient the usual transposition trick, a convolution of the
// padded input, channels first and batch last, with the output gradient,
// so both run in XNNPACK's convolution.
const conv5 = tf.customGrad((x, w, save) => {
  save([x, w]);
  return {
    value: tf.conv2d(x, w, 1, "same"),
    gradFunc: (dy, [x, w]) => {
      const dx = tf.conv2dTranspose(dy, w, x.shape, 1, "same");
      const xt = tf.transpose(tf.pad(x, [[0, 0], [2, 2], [2, 2], [0, 0]]), [3, 1, 2, 0]); // cin, H+4, W+4, N
      const dyt = tf.transpose(dy, [1, 2, 0, 3]); // H, W, N, cout
      const dw = tf.transpose(tf.conv2d(xt, dyt, 1, "valid"), [1, 2, 0, 3]); // 5, 5, cin, cout
      return [dx, dw];
    },
  };
});

// tfjsModel returns the cnn's forward function and its variables, with
// cnn-clean's weights (PyTorch layout, converted to TF.js's NHWC) or, for
// training, He's initialization.
function tfjsModel(w, trainable) {
  const conv = (name, k, cin, cout) => {
    if (!trainable) {
      const t = w[name + ".weight"];
      return [tf.variable(tf.transpose(tf.tensor4d(t.data, [cout, cin, k, k]), [2, 3, 1, 0])),
              tf.variable(tf.tensor1d(w[name + ".bias"].data))];
    }
    return [tf.variable(tf.randomNormal([k, k, cin, cout], 0, Math.sqrt(2 / (cin * k * k)), "float32", 1)),
            tf.variable(tf.zeros([cout]))];
  };
  const [c1w, c1b] = conv("conv1", 5, 1, 8);
  const [c2w, c2b] = conv("conv2", 5, 8, 16);
  let fcw, fcb;
  if (!trainable) {
    // PyTorch flattens C,H,W; NHWC flattens H,W,C.
    const t = w["fc.weight"].data, m = new Float32Array(784 * 10);
    for (let o = 0; o < 10; o++)
      for (let c = 0; c < 16; c++)
        for (let hw = 0; hw < 49; hw++) m[(hw * 16 + c) * 10 + o] = t[o * 784 + c * 49 + hw];
    fcw = tf.variable(tf.tensor2d(m, [784, 10]));
    fcb = tf.variable(tf.tensor1d(w["fc.bias"].data));
  } else {
    fcw = tf.variable(tf.randomNormal([784, 10], 0, Math.sqrt(2 / 784), "float32", 2));
    fcb = tf.variable(tf.zeros([10]));
  }
  // Training needs conv5's filter gradient; inference and PGD (input
  // gradients only) take TF.js's fastest form, XNNPACK's fused
  // convolution with bias and ReLU and the fused dense layer.
  const f = trainable ? (x) => {
    let h = tf.relu(tf.add(conv5(x, c1w), c1b));
    h = tf.maxPool(h, 2, 2, "valid");
    h = tf.relu(tf.add(conv5(h, c2w), c2b));
    h = tf.maxPool(h, 2, 2, "valid");
    return tf.add(tf.matMul(tf.reshape(h, [-1, 784]), fcw), fcb);
  } : (x) => {
    let h = tf.fused.conv2d({ x, filter: c1w, strides: 1, pad: "same", bias: c1b, activation: "relu" });
    h = tf.maxPool(h, 2, 2, "valid");
    h = tf.fused.conv2d({ x: h, filter: c2w, strides: 1, pad: "same", bias: c2b, activation: "relu" });
    h = tf.maxPool(h, 2, 2, "valid");
    return tf.fused.matMul({ a: tf.reshape(h, [-1, 784]), b: fcw, bias: fcb });
  };
  return { f, vars: [c1w, c1b, c2w, c2b, fcw, fcb] };
}

