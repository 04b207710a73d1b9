// Links to a place in a page (a quotation's permalink, a table, a heading) land on it.
// Off-screen blocks are drawn only when near the screen (content-visibility: auto,
// docs/stylesheets/offscreen.css), at an estimated height until then. A jump to a place below
// them is computed with those estimates, and the blocks the jump brings near the screen then
// take their real heights and move the target away (on a phone, a jump to a quotation card
// left the card's top 137 px above the top of the screen; near the end of a page, blocks below
// it still at their estimates kept the page too short for the target to reach the top). So
// before the browser jumps, the page's blocks are drawn at their real heights (as every block
// was before they were skipped); after the jump, the target is put back at the top.
(function () {
  "use strict";

  function targetOf(hash) {
    if (!hash || hash.length < 2) return null;
    var id;
    try { id = decodeURIComponent(hash.slice(1)); } catch (e) { return null; }
    return document.getElementById(id);
  }

  // The blocks are whichever offscreen.css makes skippable, found by their computed style.
  function drawAll() {
    var all = document.querySelectorAll(".md-content *");
    for (var i = 0; i < all.length; i++) {
      if (getComputedStyle(all[i]).contentVisibility === "auto") all[i].style.contentVisibility = "visible";
    }
  }

  // A link to a place in this page: draw the blocks before the browser jumps.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href*='#']");
    if (!link || link.pathname !== location.pathname || link.search !== location.search) return;
    if (targetOf(link.hash)) drawAll();
  }, true);

  // An address with a place in it: on load, after each instant navigation, and when the
  // address's place changes by other means (history, a typed address).
  function land() {
    var target = targetOf(location.hash);
    if (!target) return;
    drawAll();
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", land);
  window.ircSite.onPage(land);  // loader.js, before this file in site.js
})();
