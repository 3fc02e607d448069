/*
 * Station screens' service worker: lets a kiosk browser that restarts while the server is down
 * open the screen it last showed. Network first; the copy in the cache only when the network
 * fails. The feed is left alone: the screen's script handles its failures itself, and keeps the
 * last good messages in localStorage.
 */
"use strict";

var CACHE = "rpw-screens-v1"; // the same name as in static/js/screen.js

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.indexOf("/api/") === 0) {
    return;
  }
  event.respondWith(
    fetch(request).then(
      function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) {
            cache.put(request, copy);
          });
        }
        return response;
      },
      function () {
        return caches.match(request).then(function (cached) {
          return cached || Response.error();
        });
      },
    ),
  );
});
