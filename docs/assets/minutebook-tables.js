/* minutebook: filter and sort the action tracker (progressive enhancement).
   Without JavaScript the full table is shown, sorted by due date; with it, the filter
   controls appear, the address keeps what they are set to (a filtered view can be
   bookmarked and sent), and column headers become sort buttons (aria-sort says the
   order). */
(function () {
  "use strict";

  function cellText(row, index) {
    var cell = row.children[index];
    if (!cell) return "";
    var sortable = cell.querySelector("[data-sort]");
    return sortable ? sortable.getAttribute("data-sort") : cell.textContent.trim();
  }

  /* a row matches a filter by its data-* attribute (written from the model, whatever
     the columns show): a body, organisation or owner whole ("Youth Justice" is not
     "Head of Service, Youth Justice"); a status by a word in it ("open overdue") */
  function matches(row, select) {
    var wanted = select.value;
    if (!wanted) return true;
    var key = select.getAttribute("data-filter");
    var value = row.getAttribute("data-" + key) || "";
    return key === "status" ? value.split(" ").indexOf(wanted) !== -1 : value === wanted;
  }

  /* the filters live in the address (?body=...&status=overdue), so a filtered view can
     be bookmarked and sent: read it on opening, rewrite it on each change */
  function readAddress(selects) {
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.getAttribute("data-filter"));
      var known = wanted !== null && Array.prototype.some.call(select.options, function (o) {
        return o.value === wanted;
      });
      if (known) select.value = wanted;
    });
  }

  function writeAddress(selects) {
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var key = select.getAttribute("data-filter");
      if (select.value) params.set(key, select.value); else params.delete(key);
    });
    var query = params.toString();
    window.history.replaceState(window.history.state, "",
      window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function enhance(table) {
    var wrapper = table.closest(".mb-scroll") || table;
    var filters = wrapper.previousElementSibling;
    while (filters && !filters.classList.contains("mb-filters")) {
      filters = filters.previousElementSibling;
    }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var selects = filters ?
      Array.prototype.slice.call(filters.querySelectorAll("select[data-filter]")) : [];
    /* the number of matching actions, announced politely (only where there are filters) */
    var status = null;
    if (filters) {
      status = document.createElement("p");
      status.className = "mb-filter-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      wrapper.parentNode.insertBefore(status, wrapper);
    }

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = selects.every(function (select) { return matches(row, select); });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      if (status) status.textContent = shown + " of " + rows.length + " actions shown.";
    }

    if (filters) {
      readAddress(selects);
      var reset = document.createElement("button");
      reset.type = "button";
      reset.className = "mb-filter-reset";
      reset.textContent = "Show all actions";
      reset.addEventListener("click", function () {
        selects.forEach(function (select) { select.value = ""; });
        apply();
        writeAddress(selects);
      });
      var note = filters.querySelector(".mb-filter-note");
      filters.insertBefore(reset, note);
      filters.hidden = false;
      filters.addEventListener("change", function () {
        apply();
        writeAddress(selects);
      });
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
