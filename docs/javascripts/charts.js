// Charts: the static SVG shows at once; the interactive view (tooltips) replaces
// it only when a reader reaches for the chart (pointer, focus, touch or the
// button), so pages stay light; the button goes once the view is up. This file is
// loaded by site.js (loader.js) at that moment, not with the page. The Vega bundle is
// served by the site itself (built from the pinned vl-convert) and loaded at most once.
(function () {
  "use strict";
  var bundlePromise = null;
  var views = [];

  function loadBundle(url) {
    if (window.vegaEmbed) return Promise.resolve();
    if (!bundlePromise) {
      bundlePromise = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = resolve;
        script.onerror = function () { bundlePromise = null; reject(new Error("could not load " + url)); };
        document.head.appendChild(script);
      });
    }
    return bundlePromise;
  }

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  // The same value-label colours as the static SVGs (analysis/render.py TEXT_COLOUR).
  var TEXT = { light: "#333333", dark: "#E2E4E9" };
  var COMPOSITE = ["facet", "repeat", "concat", "hconcat", "vconcat"];

  // Phones get the drawing made for them (panels stacked), as the <picture> does.
  function narrow(figure) {
    return window.matchMedia("(max-width: " + figure.dataset.narrowMax + "px)").matches;
  }

  function embed(figure) {
    var host = figure.querySelector(".irc-chart__interactive");
    var layout = narrow(figure) ? "narrow" : "wide";
    return fetch(layout === "narrow" ? figure.dataset.specNarrow : figure.dataset.spec)
      .then(function (r) { return r.json(); })
      .then(function (spec) {
        spec.background = null;
        // A single view fills the column; a faceted or concatenated one keeps the size it
        // was drawn at (Vega-Lite sizes those per panel), which is the column's already.
        if (!COMPOSITE.some(function (key) { return key in spec; })) {
          spec.width = "container";
          spec.autosize = { type: "fit-x", contains: "padding" };
        }
        var options = {
          renderer: "svg",
          actions: false,  // downloads are in the frame's Download tab
          theme: scheme() === "dark" ? "dark" : undefined,
          config: { background: null, text: { color: TEXT[scheme()] } },
        };
        host.innerHTML = "";
        return window.vegaEmbed(host, spec, options);
      })
      .then(function (result) {
        if (figure._ircView) figure._ircView.finalize();
        figure._ircView = result.view;
        figure._ircScheme = scheme();
        figure._ircLayout = layout;
        if (views.indexOf(figure) < 0) views.push(figure);
        figure.classList.add("irc-chart--interactive");
        figure.setAttribute("data-state", "interactive");
        var button = figure.querySelector(".irc-chart__explore");
        if (button) button.remove();
      });
  }

  function upgrade(figure) {
    if (figure.dataset.state) return;
    figure.setAttribute("data-state", "loading");
    var host = document.createElement("div");
    host.className = "irc-chart__interactive";
    figure.querySelector(".irc-chart__view").appendChild(host);
    loadBundle(figure.dataset.bundle)
      .then(function () { return embed(figure); })
      .catch(function (error) {
        // The static SVG stays; the reader loses only the tooltips.
        figure.setAttribute("data-state", "static");
        host.remove();
        console.warn("chart stays static:", error.message);
      });
  }

  function redrawAll() {
    views.forEach(function (figure) {
      if (!figure.isConnected) return;
      if (figure._ircScheme !== scheme() || figure._ircLayout !== (narrow(figure) ? "narrow" : "wide")) embed(figure);
    });
  }

  // Views of the previous page are released on instant navigation.
  function release() {
    views = views.filter(function (figure) {
      if (figure.isConnected) return true;
      if (figure._ircView) figure._ircView.finalize();
      return false;
    });
  }

  new MutationObserver(redrawAll).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  // Turning a phone or resizing across the breakpoint swaps the drawing, as the <picture> does.
  // 719 px: analysis/style.py NARROW.max_viewport, also each figure's data-narrow-max.
  window.matchMedia("(max-width: 719px)").addEventListener("change", redrawAll);
  if (window.document$) window.document$.subscribe(release); // Material: after every instant navigation

  window.ircSite = window.ircSite || {};
  window.ircSite.charts = { upgrade: upgrade };
})();
