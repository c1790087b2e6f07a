// "Kopiëren" buttons: copy the address in the field they name and say so to screen readers.
// Without JavaScript the address stays in a read-only field to select and copy by hand. The
// text said comes from the status element's data-copied-text (translated in the template).
(function () {
  "use strict";
  var status = document.querySelector("[data-copy-status]");
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copyTarget);
    button.addEventListener("click", function () {
      var done = function () {
        if (status) {
          status.textContent = status.dataset.copiedText || "";
        }
        button.classList.add("btn-success");
      };
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          document.execCommand("copy");
          done();
        });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });
})();
