// Narrow screens read a table as a list of records: each cell is labelled
// with its column's heading (data-label), which the stylesheet shows
// before the cell when the screen is narrower than 40rem, and the table
// keeps its roles, which some browsers drop once its display changes.
// Without this script a narrow screen scrolls the table within its own
// box instead; the page never grows sideways.
(function () {
  "use strict";
  document.querySelectorAll("table").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    if (!heads.length) return;
    var labels = [];
    heads.forEach(function (th) {
      var span = th.colSpan || 1;
      for (var i = 0; i < span; i++) labels.push(th.textContent.trim());
    });
    table.setAttribute("role", "table");
    table.querySelectorAll("tr").forEach(function (tr) {
      tr.setAttribute("role", "row");
      var col = 0;
      Array.prototype.forEach.call(tr.children, function (cell) {
        if (cell.parentElement.parentElement.tagName === "THEAD") {
          cell.setAttribute("role", "columnheader");
        } else {
          cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
          if (labels[col]) cell.setAttribute("data-label", labels[col]);
        }
        col += cell.colSpan || 1;
      });
    });
    table.querySelectorAll("thead, tbody, tfoot").forEach(function (g) { g.setAttribute("role", "rowgroup"); });
    table.classList.add("stacked");
  });
})();
