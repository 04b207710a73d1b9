// Loads the quote and findings filters (quotes.js) only where a filter form is, so that other
// pages do not download it. Checked again after every instant navigation.
(function () {
  "use strict";
  var script = document.currentScript;
  // The build may minify both files (quotes-loader.min.js -> quotes.min.js).
  var src = script ? script.src.replace(/quotes-loader(\.min)?\.js(\?.*)?$/, "quotes$1.js") : null;
  var requested = false;

  function check() {
    if (requested || !src || !(document.getElementById("quote-filter") || document.getElementById("finding-filter"))) return;
    requested = true;
    var tag = document.createElement("script");
    tag.src = src;
    document.head.appendChild(tag);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(check);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", check);
  } else {
    check();
  }
})();
