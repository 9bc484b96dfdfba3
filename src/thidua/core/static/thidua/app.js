// thidua's small behaviours, without inline scripts (the Content Security Policy forbids them).
document.addEventListener("DOMContentLoaded", () => {
  // Forms marked data-autosubmit submit when one of their selects changes (language switch, filters).
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  // Buttons with data-confirm ask before submitting.
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  });
});
