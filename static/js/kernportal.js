// Kernportal's own behaviour on every page (the CSP allows no inline scripts).
(function () {
  "use strict";
  // Texts come from the page (translated there, in data- attributes of this script's tag):
  // the CSP allows no inline script and no JavaScript catalog is needed.
  var texts = (document.currentScript && document.currentScript.dataset) || {};

  // After a failed submit, focus goes to the error summary so keyboard and screen-reader users
  // hear what went wrong (GOV.UK / NL Design System pattern).
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    // A link in the summary focuses the field itself, not only scrolls to it.
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        target.focus();
        target.scrollIntoView({ block: "center" });
      }
    });
  }

  // A table wider than the screen scrolls inside its .table-responsive box; keyboard users must
  // be able to reach that box (WCAG 2.1.1), and it needs a name (the table's caption).
  var boxes = document.querySelectorAll(".table-responsive");
  function markScrollable() {
    boxes.forEach(function (box, index) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (!scrolls) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-labelledby");
        box.removeAttribute("aria-label");
        return;
      }
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      var caption = box.querySelector("caption");
      if (caption) {
        caption.id = caption.id || "tabel-bijschrift-" + index;
        box.setAttribute("aria-labelledby", caption.id);
      } else {
        box.setAttribute("aria-label", texts.tableScrollLabel || "");
      }
    });
  }
  markScrollable();
  window.addEventListener("resize", markScrollable);
})();
