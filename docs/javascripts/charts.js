// Charts: the static SVG shows at once; the interactive view (tooltips, export
// menu) replaces it only when a reader reaches for the chart (pointer, focus,
// touch or the button), so pages stay light. The Vega bundle is served by the
// site itself (built from the pinned vl-convert) and loaded at most once.
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

  function embed(figure) {
    var host = figure.querySelector(".irc-chart__interactive");
    return fetch(figure.dataset.spec)
      .then(function (r) { return r.json(); })
      .then(function (spec) {
        spec.background = null;
        var options = {
          renderer: "svg",
          actions: { export: true, source: false, compiled: false, editor: false },
          theme: scheme() === "dark" ? "dark" : undefined,
          config: { background: null },
        };
        return window.vegaEmbed(host, spec, options);
      })
      .then(function (result) {
        if (figure._ircView) figure._ircView.finalize();
        figure._ircView = result.view;
        figure._ircScheme = scheme();
        views.push(figure);
        figure.classList.add("irc-chart--interactive");
        figure.setAttribute("data-state", "interactive");
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

  function setup(figure) {
    if (figure._ircReady) return;
    figure._ircReady = true;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button irc-chart__explore";
    button.textContent = "Explore interactively";
    button.addEventListener("click", function () { upgrade(figure); button.remove(); });
    figure.querySelector("figcaption").appendChild(button);
    ["pointerenter", "touchstart", "focusin"].forEach(function (type) {
      figure.addEventListener(type, function () { upgrade(figure); }, { once: true, passive: true });
    });
  }

  function rethemeAll() {
    views.forEach(function (figure) {
      if (figure.isConnected && figure._ircScheme !== scheme()) {
        figure.querySelector(".irc-chart__interactive").innerHTML = "";
        embed(figure);
      }
    });
  }

  function init() {
    // Views of the previous page are released on instant navigation.
    views = views.filter(function (figure) {
      if (figure.isConnected) return true;
      if (figure._ircView) figure._ircView.finalize();
      return false;
    });
    document.querySelectorAll("figure.irc-chart").forEach(setup);
  }

  new MutationObserver(rethemeAll).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  if (window.document$) {
    window.document$.subscribe(init); // Material: fires on load and after every instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
