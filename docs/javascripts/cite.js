// "Cite this" boxes: fill the "Accessed" date with the reader's today. Without
// JavaScript the citation keeps the placeholder "[date]" for the reader to fill.
// A chart's, table's or quotation's box holds only a link to its page's
// citations.html (transforms/cite.py); opening the box (or a chart's Cite tab) loads its
// four formats from there.
(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  var docs = {};  // citations.html address -> promise of its parsed document

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function formatDate(date, format) {
    var y = date.getFullYear(), m = date.getMonth() + 1, d = date.getDate();
    if (format === "iso") return y + "-" + pad(m) + "-" + pad(d);
    if (format === "ris") return y + "/" + pad(m) + "/" + pad(d);
    return MONTHS[m - 1] + " " + d + ", " + y;
  }

  function fillAccessed(root) {
    var today = new Date();
    var spans = (root || document).querySelectorAll(".irc-cite__accessed");
    for (var i = 0; i < spans.length; i++) {
      spans[i].textContent = formatDate(today, spans[i].getAttribute("data-format"));
    }
  }

  // citations.html leaves out the <code> inside each <pre> (scholarly/templates/citations.html):
  // it goes back in here, where Material's styles and copy buttons expect it.
  function wrapCode(root) {
    var pres = root.querySelectorAll("pre.irc-cite__text");
    for (var i = 0; i < pres.length; i++) {
      if (pres[i].querySelector("code")) continue;
      var code = document.createElement("code");
      while (pres[i].firstChild) code.appendChild(pres[i].firstChild);
      pres[i].appendChild(code);
    }
  }

  // The copy button Material (content.code.copy) puts on a <pre>, made the same way:
  // Material's clipboard listener is delegated on the document, so these work too.
  function addCopyButtons(root) {
    var title = "Copy to clipboard", config = document.getElementById("__config");
    try { title = JSON.parse(config.textContent).translations["clipboard.copy"] || title; } catch (e) { /* default */ }
    var pres = root.querySelectorAll("pre.irc-cite__text");
    for (var i = 0; i < pres.length; i++) {
      var pre = pres[i], nav = document.createElement("nav"), button = document.createElement("button");
      pre.id = "__code_" + pre.id;
      nav.className = "md-code__nav";
      button.className = "md-code__button";
      button.title = title;
      button.setAttribute("data-clipboard-target", "#" + pre.id + " > code");
      button.setAttribute("data-md-type", "copy");
      nav.appendChild(button);
      pre.insertBefore(nav, pre.firstChild);
      // Material makes a code block that scrolls focusable, so that the keyboard can scroll
      // it; a hidden tab cannot be measured here, so each of the four is focusable.
      pre.querySelector("code").setAttribute("tabindex", "0");
    }
  }

  function citations(url) {
    if (!docs[url]) {
      docs[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(url + ": HTTP " + response.status);
        return response.text();
      }).then(function (text) {
        return new DOMParser().parseFromString(text, "text/html");
      });
      docs[url]["catch"](function () { delete docs[url]; });  // try again on the next opening
    }
    return docs[url];
  }

  function load(box) {
    if (box.getAttribute("data-cite-state")) return;
    var src = box.getAttribute("data-cite-src") || "", hash = src.indexOf("#");
    if (hash < 0) return;
    var url = new URL(src.slice(0, hash), document.baseURI).href, id = src.slice(hash + 1);
    box.setAttribute("data-cite-state", "loading");
    citations(url).then(function (doc) {
      var section = doc.getElementById(id), fallback = box.querySelector(".irc-cite__fallback");
      var formats = section && section.querySelector(".irc-cite__formats");
      if (!formats || !fallback) throw new Error(src + ": no citation formats");
      formats = document.importNode(formats, true);
      wrapCode(formats);
      fallback.parentNode.replaceChild(formats, fallback);
      var meta = box.querySelector(".irc-cite__meta");
      if (meta) meta.appendChild(document.createTextNode(" Copy a format with the button at its top right."));
      fillAccessed(formats);
      addCopyButtons(formats);
      box.setAttribute("data-cite-state", "loaded");
    })["catch"](function () {
      box.removeAttribute("data-cite-state");  // the link to citations.html stays
    });
  }

  // "toggle" does not bubble: listen in the capture phase, on the document, which
  // Material's instant navigation keeps while it swaps the page's content.
  // A box in a chart's Cite tab is open from the start (fragments/chart.py): it loads
  // when its tab is chosen, not while the tab is hidden (no request on page load).
  document.addEventListener("toggle", function (event) {
    var box = event.target;
    if (box.open && box.matches && box.matches("details.irc-cite[data-cite-src]") && box.getClientRects().length) load(box);
  }, true);
  document.addEventListener("change", function (event) {
    var input = event.target, set = input.closest && input.closest("figure.irc-chart .tabbed-set");
    if (!set || !input.checked) return;
    var boxes = set.querySelectorAll("details.irc-cite[open][data-cite-src]");
    for (var i = 0; i < boxes.length; i++) if (boxes[i].getClientRects().length) load(boxes[i]);
  });

  // Material's instant navigation swaps the page without a reload: its document$
  // observable fires for every page; plain page loads use DOMContentLoaded.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { fillAccessed(document); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { fillAccessed(document); });
  } else {
    fillAccessed(document);
  }
})();
