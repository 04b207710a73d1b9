// Part of javascripts/site.js (transforms/assets.py): loads the scripts only some pages use,
// and only when they are needed, so that a page downloads and runs no code it does not use:
// - quotes.js where the quote or findings filter is, rows.js where a long table holds rows back:
//   when such a page is shown (on load and after every instant navigation);
// - cite.js when a reader opens a compact cite box (or chooses a chart's Cite tab);
// - charts.js when a reader reaches for a chart (pointer, touch, focus or its button).
// A chart's Table tab needs no script of its own: its rows are put in place here.
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : "";
  // site.js and its neighbours sit in one folder; the build may minify all of them alike.
  var min = /\.min\.js(\?.*)?$/.test(here) ? ".min" : "";
  var ON_SHOW = [
    { selector: "#quote-filter, #finding-filter", file: "quotes" },
    { selector: "button.irc-more__show", file: "rows" },
  ];
  var scripts = {};
  var site = window.ircSite = window.ircSite || {};

  // The script `file` once it has run: what it put in window.ircSite[file].
  function need(file) {
    if (!scripts[file]) {
      scripts[file] = new Promise(function (resolve, reject) {
        if (!here) { reject(new Error("site.js: no address to load " + file + " from")); return; }
        var tag = document.createElement("script");
        tag.src = new URL(file + min + ".js", here).href;
        tag.onload = function () { resolve(site[file]); };
        tag.onerror = function () {
          delete scripts[file];  // the next reach tries again
          tag.remove();
          reject(new Error("could not load " + tag.src));
        };
        document.head.appendChild(tag);
      });
    }
    return scripts[file];
  }

  function warn(error) { console.warn(error.message); }

  // fn for the page shown now and after every instant navigation: Material's document$
  // replays the current page to a late subscriber (as the scripts loaded here are).
  // Used by this file and the scripts it loads. site.js runs before Material's bundle
  // (overrides/main.html), so document$ is there only from DOMContentLoaded on; without the
  // theme's script, fn runs once, for the page as loaded.
  var parsed = document.readyState === "complete";
  document.addEventListener("DOMContentLoaded", function () { parsed = true; });
  site.onPage = function (fn) {
    function subscribe() {
      if (window.document$ && window.document$.subscribe) window.document$.subscribe(fn); else fn();
    }
    if (window.document$ || parsed) subscribe(); else document.addEventListener("DOMContentLoaded", subscribe);
  };

  // The compact cite boxes that are open and shown (a box in a hidden tab is not).
  function openBoxes(root) {
    var boxes = [], found = root.querySelectorAll("details.irc-cite[open][data-cite-src]");
    for (var i = 0; i < found.length; i++) if (found[i].getClientRects().length) boxes.push(found[i]);
    return boxes;
  }

  function cite(boxes) {
    if (!boxes.length) return;
    need("cite").then(function (c) { boxes.forEach(c.open); })["catch"](warn);  // the link to citations.html stays
  }

  // The Table tab's data table waits in a <template> (fragments/templates/chart_frame.html.j2)
  // until the reader chooses the tab.
  function showTable(figure) {
    var inputs = figure.querySelectorAll(".tabbed-set > input");
    var template = figure.querySelector("template.irc-frame__table-template");
    if (!template || inputs.length < 2 || !inputs[1].checked) return;
    template.parentNode.replaceChild(document.importNode(template.content, true), template);
  }

  // A table that stacks on a phone (docs/stylesheets/charts.css) shows each cell as
  // "column: value": each cell gets its column's name from the table's head. rows.js calls this
  // for the rows it puts in place.
  site.labelCells = function (root) {
    var tables = root.querySelectorAll("table[data-irc-stack]");
    for (var i = 0; i < tables.length; i++) {
      var head = tables[i].tHead && tables[i].tHead.rows[0], rows = tables[i].querySelectorAll("tbody > tr");
      if (!head) continue;
      for (var r = 0; r < rows.length; r++) {
        for (var c = 0; c < rows[r].cells.length && c < head.cells.length; c++) {
          if (!rows[r].cells[c].hasAttribute("data-label")) rows[r].cells[c].setAttribute("data-label", head.cells[c].textContent.trim());
        }
      }
    }
  };

  function reach(event) {
    var view = event.target.closest && event.target.closest("figure.irc-chart .irc-chart__view");
    var figure = view && view.closest("figure.irc-chart");
    if (!figure || figure.getAttribute("data-state")) return;
    need("charts").then(function (c) { c.upgrade(figure); })["catch"](warn);  // the static SVG stays
  }

  // "toggle" does not bubble: listen in the capture phase, on the document, which
  // Material's instant navigation keeps while it swaps the page's content.
  document.addEventListener("toggle", function (event) {
    var box = event.target;
    if (box.open && box.matches && box.matches("details.irc-cite[data-cite-src]") && box.getClientRects().length) cite([box]);
  }, true);
  document.addEventListener("change", function (event) {
    var input = event.target, figure = input.closest && input.closest("figure.irc-chart");
    if (!figure || !input.checked) return;
    showTable(figure);
    cite(openBoxes(figure));  // a chart's box is open inside its Cite tab (fragments/chart.py)
  });
  ["pointerover", "touchstart", "focusin"].forEach(function (type) {
    document.addEventListener(type, reach, { passive: true });
  });

  function shown() {
    site.labelCells(document);
    ON_SHOW.forEach(function (item) {
      if (document.querySelector(item.selector)) need(item.file)["catch"](warn);
    });
    var figures = document.querySelectorAll("figure.irc-chart");
    for (var i = 0; i < figures.length; i++) {
      // The button is in the page, hidden: without JavaScript there is nothing to explore.
      var button = figures[i].querySelector("button.irc-chart__explore[hidden]");
      if (button && !figures[i].getAttribute("data-state")) button.hidden = false;
      showTable(figures[i]);  // a link to the Table tab opens the page with it chosen
      cite(openBoxes(figures[i]));
    }
  }

  // site.js runs once the page is parsed, before Material's bundle: the cells get their
  // labels now, before the page is first painted on a slow phone, not once the theme has run.
  site.labelCells(document);
  site.onPage(shown);
})();
