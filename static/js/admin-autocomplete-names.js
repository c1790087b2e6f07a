// Django admin's autocomplete boxes (Select2) are named by their selected value only: an empty
// box is a combobox without a name for screen readers (axe: aria-input-field-name). Name each
// box after its field's label, also for boxes Select2 draws later (inline rows added).
"use strict";
(function () {
  function nameBoxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = select.id && document.querySelector('label[for="' + select.id + '"]');
      var container = select.nextElementSibling;
      var box = container && container.querySelector('.select2-selection[role="combobox"]');
      if (!label || !box) return;
      if (!label.id) label.id = select.id + "_label";
      var ids = (box.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
      if (ids.indexOf(label.id) === -1) {
        box.setAttribute("aria-labelledby", [label.id].concat(ids).join(" "));
      }
      // The text shown inside the box (role textbox) is empty too until a value is chosen.
      var shown = box.querySelector('[role="textbox"]');
      if (shown && !shown.hasAttribute("aria-labelledby")) {
        shown.setAttribute("aria-labelledby", label.id);
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    nameBoxes();
    new MutationObserver(function (changes) {
      if (changes.some(function (c) { return c.addedNodes.length; })) nameBoxes();
    }).observe(document.body, {childList: true, subtree: true});
  });
})();
