// "Cite this" boxes: fill the "Accessed" date with the reader's today. Without
// JavaScript the citation keeps the placeholder "[date]" for the reader to fill.
(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];

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
