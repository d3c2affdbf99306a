// Loader: checks that the browser can run the simulator, downloads the
// Go program with visible progress, and starts it. Every failure ends in
// a sentence on the page, never a blank canvas.
"use strict";
(async function () {
  const status = document.getElementById("status");
  const bar = document.getElementById("progress");
  const errorBox = document.getElementById("error");
  function fail(message) {
    status.hidden = true;
    errorBox.textContent = message;
    errorBox.hidden = false;
  }
  // The service worker (sw.js) makes a visited page work offline; pages
  // opened from disk have none.
  // null where the browser has no service workers or refused this one.
  const registered = "serviceWorker" in navigator && location.protocol.startsWith("http")
    ? navigator.serviceWorker.register("sw.js").catch(() => null) : Promise.resolve(null);
  if (typeof WebAssembly !== "object") {
    fail("This browser cannot run WebAssembly, which the simulator needs. Please use a current Firefox, Chrome, Edge or Safari.");
    return;
  }
  if (!document.createElement("canvas").getContext("webgl2")) {
    fail("This browser has WebGL2 switched off or missing, and the simulator draws with it. Enable hardware acceleration or use another browser.");
    return;
  }
  let bytes;
  try {
    const resp = await fetch("app.wasm");
    if (!resp.ok) throw new Error("the server answered " + resp.status);
    // A precompressed response's Content-Length counts compressed bytes,
    // while the reader yields decoded ones: 'noiseball serve' sends the
    // decoded size in X-Decoded-Length; elsewhere the bar is indeterminate.
    const total = Number(resp.headers.get("X-Decoded-Length")) ||
      (resp.headers.get("Content-Encoding") ? 0 : Number(resp.headers.get("Content-Length")) || 0);
    const reader = resp.body.getReader();
    const chunks = [];
    let got = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      got += value.length;
      if (total) bar.value = got / total; else bar.removeAttribute("value");
    }
    bytes = new Uint8Array(got);
    let off = 0;
    for (const c of chunks) { bytes.set(c, off); off += c.length; }
  } catch (e) {
    fail(location.protocol === "file:"
      ? "This page was opened from disk, where the browser does not let it load its program. Serve the folder (for example 'make serve') and open it over http."
      : "The simulator could not be downloaded (" + e.message + "). Check your connection and reload the page; a page you have visited once works offline.");
    return;
  }
  if (await registered) {
    // On a first visit, wait (a moment at most) for the service worker to
    // take control, so everything the program and its workers fetch
    // passes through it; then it stores what this page loaded before, the
    // program included.
    const sw = navigator.serviceWorker;
    if (!sw.controller) {
      await Promise.race([new Promise((r) => sw.addEventListener("controllerchange", r, { once: true })),
        new Promise((r) => setTimeout(r, 3000))]);
    }
    if (sw.controller) {
      const urls = [location.pathname].concat(performance.getEntriesByType("resource").map((e) => e.name));
      sw.controller.postMessage({ type: "cache", urls: urls });
    }
  }
  const go = new Go();
  let instance;
  try {
    ({ instance } = await WebAssembly.instantiate(bytes, go.importObject));
  } catch (e) {
    fail("The simulator could not start (" + e.message + "). Reload the page; if it persists, the page's files are out of date.");
    return;
  }
  status.hidden = true;
  await go.run(instance);
  fail("The simulator stopped. Reload the page to start it again.");
})();
