// Keyboard access to scrolling boxes (axe rule scrollable-region-focusable, WCAG 2.1.1):
// a wide table, a notebook cell or a code listing that scrolls sideways must be reachable
// with the Tab key, or keyboard users cannot see its hidden part. Material wraps tables
// in .md-typeset__scrollwrap on every page swap, so this runs after each document$ emission.
(function () {
  "use strict";
  var SCROLLERS = ".md-typeset__scrollwrap, .irc-table-scroll, .highlight-ipynb, .jp-OutputArea-output, .md-typeset pre, .md-typeset .highlight";

  function scrolls(el) {
    var style = getComputedStyle(el);
    var x = /(auto|scroll)/.test(style.overflowX) && el.scrollWidth > el.clientWidth;
    var y = /(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight;
    return x || y;
  }

  function label(el) {
    var caption = el.querySelector("caption");
    return caption ? caption.textContent.trim() : "Scrollable content";
  }

  function mark() {
    // All reads first, then all writes: a write between two reads would make the browser
    // lay the page out again for every box (seconds of blocking time on a long page).
    var boxes = [];
    document.querySelectorAll(SCROLLERS).forEach(function (el) {
      // A box whose content already holds a focusable element is reachable as it is.
      if (el.hasAttribute("tabindex")) return;
      if (el.querySelector("a[href], button, input, select, textarea, [tabindex]")) return;
      if (scrolls(el)) boxes.push(el);
    });
    boxes.forEach(function (el) {
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", label(el));
    });
  }

  var pending = null;
  function schedule() {
    if (pending) cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { pending = null; mark(); });
  }

  window.ircSite.onPage(schedule);  // loader.js, before this file in site.js
  // A box that scrolls only on a narrow screen (a phone, a rotated tablet) needs it too.
  window.addEventListener("resize", schedule, { passive: true });
})();
