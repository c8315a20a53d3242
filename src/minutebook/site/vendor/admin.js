// Never inside another page: a Content-Security-Policy given in a <meta> tag cannot set
// frame-ancestors, so a page elsewhere could show the editor in a frame and trick an
// editor into clicks (clickjacking). Framed, the editor does not start (Decap waits for
// CMS_MANUAL_INIT's manual start, which never comes) and says why.
(function () {
  "use strict";
  var framed;
  try { framed = window.top !== window.self; } catch (e) { framed = true; }
  if (!framed) { return; }
  window.CMS_MANUAL_INIT = true;
  function refuse() {
    var main = document.createElement("main");
    var p = document.createElement("p");
    p.textContent = "The editor does not open inside another page. Open this address in " +
      "its own browser tab: " + window.location.href;
    main.appendChild(p);
    document.body.replaceChildren(main);
  }
  if (document.body) { refuse(); }
  document.addEventListener("DOMContentLoaded", refuse);  // and what was parsed after this
})();
// minutebook's corrections to the vendored editor (Decap CMS), for WCAG 2.2 AA (4.1.2):
// Decap leaves some controls without an accessible name: the Rich Text / Markdown switch
// and the rich-text box of the minutes, and the icon buttons of each list item. Name them,
// as Decap draws them.
(function () {
  "use strict";
  function fieldLabel(el) {
    var field = el.closest('[aria-label="markdown field"]');
    var label = field && field.querySelector("label");
    return label ? label.textContent.trim() : "Text";
  }
  function name() {
    document.querySelectorAll('[aria-label="markdown field"] [role="switch"]:not([aria-label])')
      .forEach(function (el) { el.setAttribute("aria-label", fieldLabel(el) + ": write in Markdown"); });
    document.querySelectorAll('[role="textbox"]:not([aria-label]):not([aria-labelledby])')
      .forEach(function (el) { el.setAttribute("aria-label", fieldLabel(el)); });
    // each item of a list (an action, an update, a seat): its open/close, move and remove
    // controls are icons only
    document.querySelectorAll('[class*="StyledListItemTopBar"]').forEach(function (bar) {
      var item = bar.parentElement;
      var summary = item && item.lastElementChild !== bar && item.lastElementChild
        ? item.lastElementChild.textContent.trim().slice(0, 80) : "";
      var what = summary ? ": " + summary : "";
      var buttons = bar.querySelectorAll(":scope > button");
      if (buttons.length && !buttons[0].hasAttribute("aria-label")) {
        buttons[0].setAttribute("aria-label", "Open or close this item" + what);
      }
      if (buttons.length > 1 && !buttons[buttons.length - 1].hasAttribute("aria-label")) {
        buttons[buttons.length - 1].setAttribute("aria-label", "Remove this item" + what);
      }
      bar.querySelectorAll('[aria-roledescription="sortable"]:not([aria-label])')
        .forEach(function (el) { el.setAttribute("aria-label", "Move this item" + what); });
    });
  }
  new MutationObserver(name).observe(document.documentElement, { childList: true, subtree: true });
})();
