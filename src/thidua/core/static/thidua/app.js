// thidua's small behaviours, without inline scripts (the Content Security Policy forbids them).
// Listeners are delegated from the document so they also apply to content that htmx swaps in.
document.addEventListener("change", (event) => {
  // Forms marked data-autosubmit submit when one of their selects changes (language, filters).
  const select = event.target.closest("form[data-autosubmit] select");
  if (select) select.form.submit();
});

document.addEventListener("click", (event) => {
  // Buttons and links with data-confirm ask before going on.
  const el = event.target.closest("[data-confirm]");
  if (el && !window.confirm(el.dataset.confirm)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
});

// Progress bars take their width from data-progress (a style="" attribute would break the CSP);
// htmx:load fires for the page and for every piece of content htmx swaps in.
const showProgress = (root) => {
  root.querySelectorAll("[data-progress]").forEach((bar) => {
    bar.style.width = `${Number(bar.dataset.progress) || 0}%`;
  });
};
document.addEventListener("DOMContentLoaded", () => showProgress(document));
document.addEventListener("htmx:load", (event) => showProgress(event.target));
