// Adds a follow-up row without reloading the page. Without JavaScript the same button is a
// submit button ("extra rij") and the server renders one more row, keeping what was typed.
(function () {
  "use strict";
  // A row is "used" once any of its fields has a value: only then are its fields required.
  function markUsed(row) {
    var fields = row.querySelectorAll("input[type=text], input[type=date], select, textarea");
    var used = Array.prototype.some.call(fields, function (field) {
      return field.value !== "";
    });
    row.classList.toggle("is-used", used || row.querySelector("input[name$='-id'][value]:not([value=''])") !== null);
    fields.forEach(function (field) {
      field.setAttribute("aria-required", used ? "true" : "false");
    });
  }
  document.addEventListener("input", function (event) {
    var row = event.target.closest && event.target.closest(".followup-row");
    if (row) {
      markUsed(row);
    }
  });
  document.querySelectorAll(".followup-row").forEach(markUsed);
  document.querySelectorAll("[data-formset-add]").forEach(function (button) {
    var fieldset = button.closest("fieldset");
    var template = fieldset.querySelector("template[data-formset-empty]");
    var rows = fieldset.querySelector("[data-formset-rows]");
    var prefix = button.dataset.prefix;
    var total = fieldset.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var max = fieldset.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10);
      if (max && index >= parseInt(max.value, 10)) {
        return;
      }
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var added = rows.lastElementChild;
      var legend = added.querySelector("legend");
      // The legend text comes translated from the page (data-legend, "__number__" for the number).
      if (legend && button.dataset.legend) {
        legend.textContent = button.dataset.legend.replace("__number__", String(index + 1));
      }
      var first = added.querySelector("input, select, textarea");
      if (first) {
        first.focus();
      }
    });
  });
})();
