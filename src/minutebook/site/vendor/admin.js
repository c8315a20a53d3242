// minutebook's corrections to the vendored editor (Decap CMS), for WCAG 2.2 AA (4.1.2):
// Decap leaves two controls of the minutes field without an accessible name - the
// Rich Text / Markdown switch and the rich-text box itself. Name them, as Decap draws them.
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
  }
  new MutationObserver(name).observe(document.documentElement, { childList: true, subtree: true });
})();
