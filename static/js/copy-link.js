// A "Copy link" button beside a read-only field: copies the field's text and says so in a live
// region. Without JavaScript (or without clipboard access) the button stays hidden and the field
// can be selected and copied by hand.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-from]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-from"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!field || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () {
          if (status) {
            status.textContent = button.getAttribute("data-copied");
          }
        },
        function () {
          field.focus();
          field.select();
          if (status) {
            status.textContent = button.getAttribute("data-copy-failed");
          }
        }
      );
    });
  });
})();
