// Long tables show their first rows; the others wait in a <template> inside the table's
// body (fragments/templates/long_table.html.j2, for tables on pages and dataset pages), which is not part
// of the page until used, so a long page stays light. "Show all N rows" puts them in place;
// printing shows them all. Without JavaScript the note under the table points to the CSV.
(function () {
  "use strict";

  function showAll(button, byReader) {
    var note = button.closest(".irc-more");
    // The note follows the table's scrolling box (no id: every id would be a published address).
    var box = note && note.previousElementSibling;
    var table = box && box.querySelector("table");
    if (!table) return;
    var templates = table.querySelectorAll("template.irc-more__rows");
    for (var i = 0; i < templates.length; i++) {
      templates[i].parentNode.replaceChild(document.importNode(templates[i].content, true), templates[i]);
    }
    window.ircSite.labelCells(box);  // loader.js: the new rows' cells, for a phone's stacked rows
    if (!note) return;
    note.textContent = note.getAttribute("data-all");
    if (byReader) {
      // The button is gone: the note that replaces it takes the focus and is read out.
      note.setAttribute("tabindex", "-1");
      note.focus();
    }
  }

  function expandAll() {
    var buttons = document.querySelectorAll("button.irc-more__show");
    for (var i = 0; i < buttons.length; i++) showAll(buttons[i], false);
  }

  function offer() {
    var buttons = document.querySelectorAll("button.irc-more__show[hidden]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.irc-more__show");
    if (button) showAll(button, true);
  });
  window.addEventListener("beforeprint", expandAll);
  var print = window.matchMedia("print");
  if (print.addEventListener) print.addEventListener("change", function (e) { if (e.matches) expandAll(); });

  window.ircSite.onPage(offer);  // loader.js, which loads this file: on load and after every instant navigation
})();
