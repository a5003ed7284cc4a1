/*
 * Every input of the page editor is named by its field's label.
 *
 * Wagtail's rich-text editor (Draftail) and its tag input create their text boxes in
 * the browser without a name of their own, so a screen reader announces "edit text"
 * and nothing else. This script gives each such box the label of the field it belongs
 * to (aria-labelledby), also for the boxes that StreamField or the editor add later.
 */
(function () {
  "use strict";

  var BOXES = '[role="textbox"], input:not([type="hidden"]), textarea';

  function hasName(box) {
    if (box.getAttribute("aria-label") || box.getAttribute("aria-labelledby")) {
      return true;
    }
    if (box.id && document.querySelector('label[for="' + CSS.escape(box.id) + '"]')) {
      return true;
    }
    return Boolean(box.closest("label"));
  }

  function labelFor(id) {
    return id ? document.querySelector('label[for="' + CSS.escape(id) + '"]') : null;
  }

  // The box replaces a field's original input (kept hidden, with the field's id),
  // whose label is either in the panel heading (top-level fields) or next to the
  // field in its wrapper (fields inside a panel or a StreamField block).
  function fieldLabel(box) {
    var input = box.closest("[data-field-input], .w-field__input");
    var label = null;
    if (input) {
      input.querySelectorAll("[id]").forEach(function (original) {
        label = label || labelFor(original.id);
      });
    }
    if (!label) {
      var wrapper = box.closest(".w-field__wrapper");
      label = wrapper && wrapper.querySelector(".w-field__label");
    }
    if (!label) {
      return null;
    }
    if (!label.id) {
      label.id = "w-field-label-" + Math.random().toString(36).slice(2);
    }
    return label;
  }

  function nameBoxes(root) {
    root.querySelectorAll(BOXES).forEach(function (box) {
      if (hasName(box)) {
        return;
      }
      var label = fieldLabel(box);
      if (label) {
        box.setAttribute("aria-labelledby", label.id);
      }
    });
  }

  function start() {
    var scheduled = false;
    nameBoxes(document);
    // Typing changes the editor's DOM too: look again at most once per frame.
    new MutationObserver(function () {
      if (scheduled) {
        return;
      }
      scheduled = true;
      window.requestAnimationFrame(function () {
        scheduled = false;
        nameBoxes(document);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
