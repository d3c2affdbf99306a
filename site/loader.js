// Loader: checks that the browser can run the simulator, downloads the
// Go program with visible progress, and starts it. Every failure ends in
// a sentence on the page, never a blank canvas.
"use strict";
// Where the page's files are. Everything the program and its workers
// load is named as in site/ and found through nbURL: a folder made by
// 'noiseball dist' names files by their content, and its index.html
// sets nbFiles (name to address); elsewhere a file is at its name. A
// page made by 'noiseball offline' carries its files inside, in nbInline
// (name to base64 of gzip), and nbInlined unpacks one: a promise of its
// bytes, or null for a file it does not carry.
self.nbURL = (name) => (self.nbFiles && self.nbFiles[name]) || name;
self.nbInlined = function (name) {
  const b64 = self.nbInline && self.nbInline[name];
  if (!b64) return null;
  const bin = atob(b64);
  const packed = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) packed[i] = bin.charCodeAt(i);
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer().then((b) => new Uint8Array(b));
};
// The story: the bare URL and #story=N show step N's text (a section
// #step-N of index.html) with its progress, Back and Next; the app reads
// body.dataset.story and shows the step's figure (its data-figure). Any
// other hash (#scene=…) is a scene with its controls. This runs before
// the program downloads, so the text is there at once, and again on
// every change of the hash, before the app's own listener.
self.nbStory = function (moved) {
  const steps = document.querySelectorAll("#story .step");
  const m = /^#?(?:story=([^&]*))?$/.exec(location.hash);
  const body = document.body;
  delete body.dataset.storyProblem;
  // The posters (pictures of a figure, shown until the program draws
  // it): the noise ball's drawing wherever the figure will be a noise
  // ball, and a picture of one exact figure (data-poster-of) where it
  // will be that one, loaded only then (an offline page carries none).
  const posterFor = (link) => {
    const svg = document.getElementById("poster");
    if (svg) svg.style.display = /(^#?|&)scene=noiseball(&|$)/.test(link) ? "" : "none";
    document.querySelectorAll("picture.poster").forEach((pic) => {
      pic.hidden = self.nbInline !== undefined || link.replace(/^#?/, "#") !== pic.dataset.posterOf;
      if (pic.hidden) return;
      pic.querySelectorAll("source[data-files]").forEach((s) => { s.srcset = self.nbURL(s.dataset.files); delete s.dataset.files; });
      pic.querySelectorAll("img[data-file]").forEach((i) => { i.src = self.nbURL(i.dataset.file); delete i.dataset.file; });
    });
  };
  posterFor(location.hash);
  if (!m) {
    body.classList.remove("story");
    delete body.dataset.story;
    document.getElementById("story").hidden = true;
    document.getElementById("nav-story").removeAttribute("aria-current");
    return;
  }
  let n = m[1] === undefined ? 1 : Number(m[1]);
  if (!(Number.isInteger(n) && n >= 1 && n <= steps.length)) {
    body.dataset.storyProblem = "This link names step " + decodeURIComponent(m[1]).slice(0, 24) +
      " of the story, which has steps 1 to " + steps.length + ", so step 1 is shown.";
    n = 1;
  }
  body.classList.add("story");
  body.dataset.story = String(n);
  posterFor(steps[n - 1].dataset.figure);
  document.getElementById("story").hidden = false;
  steps.forEach((s, i) => { s.hidden = i !== n - 1; });
  document.querySelectorAll("#story-progress a").forEach((a, i) => {
    if (i === n - 1) a.setAttribute("aria-current", "step"); else a.removeAttribute("aria-current");
  });
  const back = document.getElementById("story-back");
  const next = document.getElementById("story-next");
  back.hidden = n === 1;
  back.href = "#story=" + (n - 1);
  next.hidden = n === steps.length;
  next.href = "#story=" + (n + 1);
  document.getElementById("story-count").textContent = "Step " + n + " of " + steps.length;
  document.getElementById("nav-story").setAttribute("aria-current", "page");
  const title = steps[n - 1].querySelector("h2");
  document.title = title.textContent + " · Noise Ball";
  // After Back, Next or a step's number, the reader goes on at the new
  // step's title (a screen reader reads it; the page scrolls to it).
  if (moved && document.activeElement && document.getElementById("story").contains(document.activeElement)) {
    title.focus({ preventScroll: true });
    if (document.getElementById("story").getBoundingClientRect().top < 0) document.getElementById("story").scrollIntoView();
  }
};
self.nbStory(false);
addEventListener("hashchange", () => self.nbStory(true));
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
  const registered = "serviceWorker" in navigator && location.protocol.startsWith("http") && !self.nbInline
    ? navigator.serviceWorker.register("sw.js").catch(() => null) : Promise.resolve(null);
  if (typeof WebAssembly !== "object") {
    fail("This browser cannot run WebAssembly, which the simulator needs. Please use a current Firefox, Chrome, Edge or Safari.");
    return;
  }
  if (!document.createElement("canvas").getContext("webgl2")) {
    fail("This browser has WebGL2 switched off or missing, and the simulator draws with it. Enable hardware acceleration or use another browser.");
    return;
  }
  const go = new Go();
  const instance = self.nbInline ? await unpack(go) : await download(self.nbURL("app.wasm"), go);
  if (!instance) return;
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
  status.hidden = true;
  await go.run(instance);
  fail("The simulator stopped. Reload the page to start it again.");

  function cannotStart(e) {
    fail("The simulator could not start (" + e.message + "). Reload the page; if it persists, the page's files are out of date.");
    return null;
  }

  // unpack starts the program carried in an offline page and returns its
  // instance, or null after saying why it cannot.
  async function unpack(go) {
    if (typeof DecompressionStream !== "function") {
      fail("This browser cannot unpack the offline page (it has no DecompressionStream). Please use a current Firefox, Chrome, Edge or Safari.");
      return null;
    }
    let bytes;
    try {
      bytes = await self.nbInlined("app.wasm");
    } catch (e) {
      fail("The offline page could not unpack its program (" + e.message + "). The file may be damaged: copy it again.");
      return null;
    }
    try {
      return (await WebAssembly.instantiate(bytes, go.importObject)).instance;
    } catch (e) {
      return cannotStart(e);
    }
  }

  // download fetches the program and compiles it as it arrives
  // (instantiateStreaming), with a progress bar, and returns its
  // instance, or null after saying why it cannot.
  async function download(url, go) {
    let arrived = false;
    try {
      const resp = await fetch(url);
      if (!resp.ok) throw new Error("the server answered " + resp.status);
      // A precompressed response's Content-Length counts compressed bytes,
      // while the stream yields decoded ones: 'noiseball serve' sends the
      // decoded size in X-Decoded-Length; elsewhere the bar is indeterminate.
      const total = Number(resp.headers.get("X-Decoded-Length")) ||
        (resp.headers.get("Content-Encoding") ? 0 : Number(resp.headers.get("Content-Length")) || 0);
      let got = 0;
      const counted = resp.body.pipeThrough(new TransformStream({
        transform(chunk, out) {
          got += chunk.length;
          if (total) bar.value = got / total; else bar.removeAttribute("value");
          out.enqueue(chunk);
        },
        flush() {
          arrived = true;
          // Compiling the rest and starting Go takes a moment more; say so
          // rather than sit at 100%.
          status.firstChild.textContent = "Starting the live figure… ";
        },
      }));
      const wasm = new Response(counted, { headers: { "Content-Type": "application/wasm" } });
      return (await WebAssembly.instantiateStreaming(wasm, go.importObject)).instance;
    } catch (e) {
      if (arrived || e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError) return cannotStart(e);
      fail(location.protocol === "file:"
        ? "This page was opened from disk, where the browser does not let it load its program. Serve the folder (for example 'make serve') and open it over http, or build the one-file offline page with 'make offline'."
        : "The simulator could not be downloaded (" + e.message + "). Check your connection and reload the page; a page you have visited once works offline.");
      return null;
    }
  }
})();
