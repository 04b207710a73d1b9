// Part of javascripts/site.js (transforms/assets.py), which runs before Material's bundle
// (overrides/main.html): search waits for the reader. The theme fetches the search index
// (search/search_index.json, about 165 KB gzipped for this site) and starts its search worker
// (12 KB gzipped) on every page load, before the reader has asked to search: more than the
// whole page weighs otherwise. Both are held back until the reader reaches for search (focus
// or click on the search box or its icon, or one of the theme's search keys), or start at once
// when the address carries a search term. Material's own code then runs unchanged.
// tests/browser/test_pages.py checks both halves.
(function () {
  "use strict";
  var ready = /[?&](q|h)=/.test(location.search), waiting = [];
  function release() {
    if (ready) return;
    ready = true;
    waiting.splice(0).forEach(function (start) { start(); });
  }
  function later(start) {
    if (ready) start(); else waiting.push(start);
  }

  // The index: Material asks for it with XMLHttpRequest; its request is sent once search is wanted.
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.ircSearchIndex = /\/search\/search_index\.json([?#]|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (!xhr.ircSearchIndex) return send.apply(xhr, args);
    later(function () { send.apply(xhr, args); });
  };

  // The worker: Material gets a stand-in that holds its messages and passes the worker's on
  // (Material listens with addEventListener and posts with postMessage) until the real one starts.
  var RealWorker = window.Worker;
  function Worker(url, options) {
    if (!/\/workers\/search\.[^\/]*\.js/.test(String(url))) return new RealWorker(url, options);
    var standIn = new EventTarget(), queue = [], real = null;
    standIn.postMessage = function (message) {
      if (real) real.postMessage(message); else queue.push(message);
    };
    standIn.terminate = function () {
      if (real) real.terminate();
    };
    later(function () {
      real = new RealWorker(url, options);
      real.addEventListener("message", function (event) {
        standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      queue.splice(0).forEach(function (message) { real.postMessage(message); });
    });
    return standIn;  // `new Worker(...)` gives this object
  }
  Worker.prototype = RealWorker.prototype;
  window.Worker = Worker;

  function inSearch(target) { return target.closest && target.closest('.md-search, label[for="__search"]'); }
  document.addEventListener("focusin", function (e) { if (inSearch(e.target)) release(); }, true);
  document.addEventListener("pointerdown", function (e) { if (inSearch(e.target)) release(); }, true);
  document.addEventListener("change", function (e) { if (e.target.id === "__search") release(); }, true);
  // Material opens search on "/", "s" and "f" typed outside a form field.
  document.addEventListener("keydown", function (e) {
    if (/^[\/fs]$/i.test(e.key) && !/^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)) release();
  }, true);
})();
