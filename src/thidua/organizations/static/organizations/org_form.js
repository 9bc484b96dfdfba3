// The unit form: the employer type only matters for a grassroots union, so it shows only then.
document.addEventListener("DOMContentLoaded", () => {
  const kind = document.getElementById("id_kind");
  const employer = document.getElementById("id_employer_type");
  if (!kind || !employer) return;
  const wrapper = employer.closest(".mb-3") || employer.parentElement;
  const sync = () => {
    wrapper.hidden = kind.value !== "grassroots_union";
  };
  kind.addEventListener("change", sync);
  sync();
});
