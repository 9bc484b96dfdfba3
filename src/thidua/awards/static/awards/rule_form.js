// The eligibility rule form: show only the parameter fields of the chosen kind.
(function () {
  "use strict";
  function update(form) {
    var kind = form.querySelector("[name=kind]");
    if (!kind) { return; }
    form.querySelectorAll("[data-kinds]").forEach(function (box) {
      var applies = box.getAttribute("data-kinds").split(" ").indexOf(kind.value) !== -1;
      box.hidden = !applies;
      box.querySelectorAll("input, select, textarea").forEach(function (input) {
        input.disabled = !applies;
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-rule-form]").forEach(function (form) {
      update(form);
      form.addEventListener("change", function (event) {
        if (event.target.name === "kind") { update(form); }
      });
    });
  });
})();
