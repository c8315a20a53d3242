/* minutebook: filter and sort the action tracker (progressive enhancement).
   Without JavaScript the full table is shown, sorted by due date; with it, the filter
   controls appear and column headers become sort buttons (aria-sort says the order). */
(function () {
  "use strict";

  function cellText(row, index) {
    var cell = row.children[index];
    if (!cell) return "";
    var sortable = cell.querySelector("[data-sort]");
    return sortable ? sortable.getAttribute("data-sort") : cell.textContent.trim();
  }

  function enhance(table) {
    var wrapper = table.closest(".mb-scroll") || table;
    var filters = wrapper.previousElementSibling;
    while (filters && !filters.classList.contains("mb-filters")) {
      filters = filters.previousElementSibling;
    }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var status = document.createElement("p");
    status.className = "mb-filter-status";
    status.setAttribute("role", "status");
    wrapper.parentNode.insertBefore(status, wrapper);

    function apply() {
      var shown = 0;
      var selects = filters ? filters.querySelectorAll("select[data-filter-column]") : [];
      rows.forEach(function (row) {
        var visible = true;
        Array.prototype.forEach.call(selects, function (select) {
          var wanted = select.value.toLowerCase();
          var column = parseInt(select.getAttribute("data-filter-column"), 10);
          var cell = row.children[column];
          var text = cell ? cell.textContent.trim().toLowerCase() : "";
          /* a body or owner is matched whole ("Youth Justice" is not "Head of Service,
             Youth Justice"); a status by a word in it ("overdue") */
          var exact = select.getAttribute("data-filter-match") === "exact";
          if (wanted && (exact ? text !== wanted : text.indexOf(wanted) === -1)) visible = false;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      status.textContent = shown + " of " + rows.length + " actions shown.";
    }

    if (filters) {
      filters.hidden = false;
      filters.addEventListener("change", apply);
    }

    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "mb-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) {
          other.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = cellText(a, index), y = cellText(b, index);
          var result = x.localeCompare(y, "en-GB", { numeric: true });
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    apply();
  }

  function init() {
    document.querySelectorAll('table[data-sortable="true"]').forEach(function (table) {
      if (!table.dataset.mbEnhanced) {
        table.dataset.mbEnhanced = "1";
        enhance(table);
      }
    });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init); /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
