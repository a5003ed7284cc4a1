// Progressive enhancement only: the site works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Embedded media wait in an inert <template> until the visitor asks for them, so the
  // third party receives nothing before that click.
  document.querySelectorAll("[data-embed]").forEach((figure) => {
    const button = figure.querySelector("[data-embed-load]");
    const template = figure.querySelector("[data-embed-template]");
    if (!button || !template) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const placeholder = figure.querySelector(".block-embed__placeholder");
      placeholder.replaceWith(template.content.cloneNode(true));
    });
  });

  // Display switches (text size, contrast): apply the classes at once and store the
  // choice through the same view the form posts to without JavaScript.
  const classes = {
    text_size: { normal: null, gross: "q-text-gross", "sehr-gross": "q-text-sehr-gross" },
    contrast: { normal: null, hoch: "q-contrast-high" },
  };
  document.querySelectorAll("[data-display-switches]").forEach((form) => {
    form.addEventListener("click", (event) => {
      const button = event.target.closest("button[name]");
      if (!button || !(button.name in classes)) return;
      event.preventDefault();
      const options = classes[button.name];
      Object.values(options).forEach((name) => name && document.documentElement.classList.remove(name));
      if (options[button.value]) document.documentElement.classList.add(options[button.value]);
      form.querySelectorAll(`button[name="${button.name}"]`).forEach((other) => {
        other.setAttribute("aria-pressed", String(other === button));
      });
      const body = new FormData();
      body.append(button.name, button.value);
      fetch(form.action, { method: "POST", body, headers: { "X-Quartier-Fetch": "1" }, credentials: "same-origin" })
        .catch(() => {}); // the choice then holds for this page only
    });
  });

  // After a failed submission the error summary takes the focus, so screen readers
  // announce it and keyboard users start at the list of links to the fields.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
