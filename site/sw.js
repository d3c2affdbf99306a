// Service worker: once a page has been visited, it works with the network
// off. Every same-origin GET goes to the network first, so a new version
// of any file is picked up on the next visit; a successful answer is kept
// in the cache, and the cache answers when the network cannot. Nothing is
// fetched ahead of the page (the first view costs no extra bytes): what a
// visit loaded is what works offline. The files the page loaded before
// this worker took control are sent by the loader ("cache" message) and
// stored then, revalidated through the HTTP cache.
"use strict";
const CACHE = "noiseball-v1";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// key is where a request is cached: the page's address with a query
// (?workers=2) or a hash is the same document, cached under its path.
function key(req) {
  return req.mode === "navigate" ? new URL(req.url).pathname : req.url;
}

// A folder made by 'noiseball dist' names files by content
// (app.3f9a2c1d0e.wasm): storing one version deletes the others of the
// same file, so the cache holds one copy of each, not one per release.
const HASHED = /^(.*)\.[0-9a-f]{10}(\.[a-z0-9]+)$/;

async function store(cache, url, resp) {
  const m = HASHED.exec(url);
  if (m) {
    for (const req of await cache.keys()) {
      const o = HASHED.exec(req.url);
      if (o && o[1] === m[1] && o[2] === m[2] && req.url !== url) await cache.delete(req);
    }
  }
  await cache.put(url, resp);
}

self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "cache") return;
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const u of event.data.urls) {
      const url = new URL(u, self.location).href;
      if (new URL(url).origin !== self.location.origin || await cache.match(url)) continue;
      try {
        const resp = await fetch(url);
        if (resp.ok) await store(cache, url, resp);
      } catch (e) { /* offline already: nothing to store */ }
    }
  })());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin || req.headers.has("range")) return;
  event.respondWith((async () => {
    try {
      const resp = await fetch(req);
      if (resp.ok) {
        const copy = resp.clone();
        event.waitUntil(caches.open(CACHE).then((c) => store(c, key(req), copy)));
      }
      return resp;
    } catch (e) {
      const hit = await caches.match(key(req));
      if (hit) return hit;
      throw e;
    }
  })());
});
