// Demo mode: clicking a demo username fills the login form with it and the demo password.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-login-form]");
  if (!form) return;
  const username = form.querySelector("input[name=username]");
  const password = form.querySelector("input[name=password]");
  document.querySelectorAll("[data-demo-username]").forEach((button) => {
    button.addEventListener("click", (event) => {
      event.preventDefault();
      username.value = button.dataset.demoUsername;
      password.value = button.dataset.demoPassword || "";
      form.querySelector("button[type=submit]").focus();
    });
  });
});
