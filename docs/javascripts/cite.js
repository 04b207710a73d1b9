// Loaded by site.js (loader.js) when a reader opens a compact "Cite this" box: a chart's,
// table's, quotation's or finding's box holds only a link to its section of the page's
// citations.html (transforms/cite.py); here the section's address, version and licence
// lines and its four formats take the link's place. If the file cannot be had, the link stays.
(function () {
  "use strict";
  var docs = {};  // citations.html address -> promise of its parsed document

  // citations.html leaves out the <code> inside each <pre> (fragments/templates/citations.html.j2):
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

  function open(box) {
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
      // The record's lines (address, version, licence) come with the formats, unless the box
      // says them itself (a quotation card's record line, fragments/templates/quote_card.html.j2).
      var meta = box.querySelector(".irc-cite__meta"), record = section.querySelector(".irc-cite__meta");
      if (!meta && record) {
        meta = document.importNode(record, true);
        fallback.parentNode.insertBefore(meta, fallback);
      }
      fallback.parentNode.replaceChild(formats, fallback);
      if (meta) meta.appendChild(document.createTextNode(" Copy a format with the button at its top right."));
      addCopyButtons(formats);
      box.setAttribute("data-cite-state", "loaded");
    })["catch"](function (error) {
      box.removeAttribute("data-cite-state");  // the link to citations.html stays
      console.warn(error.message);
    });
  }

  window.ircSite = window.ircSite || {};
  window.ircSite.cite = { open: open };
})();
