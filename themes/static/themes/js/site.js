// Progressive enhancement only: the site works without this file.
// Embedded media wait in an inert <template> until the visitor asks for them, so the
// third party receives nothing before that click.
document.addEventListener("DOMContentLoaded", () => {
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
});
