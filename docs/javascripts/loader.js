// Part of javascripts/site.js (transforms/assets.py): loads the scripts only some pages use,
// when such a page is shown (on load and after every instant navigation):
// charts.js where there is a chart, quotes.js where the quote or findings filter is.
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : "";
  // site.js and its neighbours sit in one folder; the build may minify all of them alike.
  var min = /\.min\.js(\?.*)?$/.test(here) ? ".min" : "";
  var NEEDS = [
    { selector: "figure.irc-chart", file: "charts" },
    { selector: "#quote-filter, #finding-filter", file: "quotes" },
  ];
  var requested = {};

  function check() {
    if (!here) return;
    NEEDS.forEach(function (need) {
      if (requested[need.file] || !document.querySelector(need.selector)) return;
      requested[need.file] = true;
      var tag = document.createElement("script");
      tag.src = new URL(need.file + min + ".js", here).href;
      document.head.appendChild(tag);
    });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(check);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", check);
  } else {
    check();
  }
})();
