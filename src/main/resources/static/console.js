// Progressive enhancement for the console: every page works without this script.
"use strict";
document.addEventListener("click", (event) => {
  const opener = event.target.closest("[data-open-dialog]");
  if (opener) {
    const dialog = document.getElementById(opener.dataset.openDialog);
    if (dialog && typeof dialog.showModal === "function") {
      event.preventDefault();
      dialog.showModal();
      const first = dialog.querySelector("input:not([type=hidden])");
      if (first) first.focus();
    }
    return;
  }
  const closer = event.target.closest("[data-close-dialog]");
  if (closer) {
    closer.closest("dialog").close();
    return;
  }
  const copier = event.target.closest("[data-copy]");
  if (copier) {
    const field = document.getElementById(copier.dataset.copy);
    const done = () => { copier.textContent = "Copied"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, () => { field.select(); document.execCommand("copy"); done(); });
    } else {
      field.select();
      document.execCommand("copy");
      done();
    }
  }
});
document.querySelectorAll("[data-copy]").forEach((button) => { button.hidden = false; });
// A page answering a POST that created something names the address of what it created: reloading
// then opens that page instead of submitting the form again (and creating a second one).
const created = document.querySelector("[data-address]");
if (created) history.replaceState(null, "", created.dataset.address);
