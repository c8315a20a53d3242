/*
 * minutebook: keyboard access to tables that scroll sideways (WCAG 2.1.1).
 *
 * Material wraps every content table in a scrolling box (.md-typeset__scrollwrap).
 * When a table is wider than the page, that box scrolls, and a keyboard user can only
 * scroll it if it can take focus. This gives each box that actually overflows a tab
 * stop, a region role and a name (the table's caption), and takes them away again
 * when it stops overflowing. Generated tables bring their own focusable wrapper
 * (.mb-scroll, see minutebook.css) and are left alone.
 */
(function () {
  "use strict";
  var MARK = "data-mb-scroll";

  // The table's caption; else "Table N" (its place on the page: region names must
  // differ) and the heading it sits under.
  function nameOf(box, n) {
    var caption = box.querySelector("caption");
    var text = caption ? caption.textContent.trim() : "";
    if (text) return text;
    var name = "Table " + n;
    var all = document.querySelectorAll(".md-typeset h1, .md-typeset h2, .md-typeset h3");
    for (var i = all.length - 1; i >= 0; i--) {
      if (all[i].compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING) {
        var heading = all[i].textContent.replace(/\u00b6$/, "").trim();
        if (heading) name += " under \u201c" + heading + "\u201d";
        break;
      }
    }
    return name;
  }

  function update() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.closest(".mb-scroll")) continue;
      var overflowing = box.scrollWidth > box.clientWidth + 1;
      if (overflowing && !box.hasAttribute(MARK)) {
        box.setAttribute(MARK, "");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", nameOf(box, i + 1));
      } else if (!overflowing && box.hasAttribute(MARK)) {
        box.removeAttribute(MARK);
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }

  function soon() {
    // After Material has wrapped the tables of the page it has just shown.
    window.requestAnimationFrame(function () { window.setTimeout(update, 0); });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(soon);  // every page, including instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", soon);
  } else {
    soon();
  }
  var timer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 150);
  });
})();
