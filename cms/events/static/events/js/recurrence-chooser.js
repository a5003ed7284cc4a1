/*
 * The recurrence chooser (cms/events/recurrence_widget.py) works as plain form fields.
 * This script only hides the parts that do not apply to the chosen frequency and asks
 * the server for the summary and the next dates whenever a choice or the event's start
 * changes, so the provider sees "jeden Donnerstag, 19:00 Uhr, bis …: 17 Termine"
 * before saving. The preview comes back as HTML rendered by the server.
 */
(function () {
  "use strict";

  function frequencyOf(chooser) {
    var checked = chooser.querySelector("[data-recurrence-frequency]:checked");
    return checked ? checked.value : "once";
  }

  function showGroups(chooser) {
    var frequency = frequencyOf(chooser);
    chooser.querySelectorAll("[data-recurrence-for]").forEach(function (group) {
      var applies = group.getAttribute("data-recurrence-for").split(" ").indexOf(frequency) >= 0;
      group.hidden = !applies;
    });
  }

  function previewQuery(chooser) {
    var form = chooser.closest("form");
    var name = chooser.getAttribute("data-name");
    var params = new URLSearchParams();
    if (form) {
      ["start", "end"].forEach(function (field) {
        var input = form.elements.namedItem(field);
        if (input && input.value !== undefined) {
          params.set(field, input.value);
        }
      });
      var allDay = form.elements.namedItem("all_day");
      if (allDay && allDay.checked) {
        params.set("all_day", "on");
      }
    }
    chooser.querySelectorAll("input, select").forEach(function (input) {
      if (!input.name || input.name.indexOf(name + "-") !== 0) {
        return;
      }
      if ((input.type === "checkbox" || input.type === "radio") && !input.checked) {
        return;
      }
      params.append(input.name, input.value);
    });
    params.set("name", name);
    return params;
  }

  function refresh(chooser) {
    var target = chooser.querySelector("[data-recurrence-preview]");
    var url = chooser.getAttribute("data-preview-url");
    if (!target || !url) {
      return;
    }
    var request = (chooser.recurrenceRequest || 0) + 1;
    chooser.recurrenceRequest = request;
    fetch(url + "?" + previewQuery(chooser).toString(), {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        // Only the newest answer counts when the provider types quickly.
        if (chooser.recurrenceRequest === request) {
          target.innerHTML = html;
        }
      })
      .catch(function () {
        /* Without an answer the form still saves; the summary follows after saving. */
      });
  }

  function setUp(chooser) {
    var timer = null;
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        refresh(chooser);
      }, 300);
    }
    showGroups(chooser);
    chooser.addEventListener("change", function (event) {
      if (event.target.matches("[data-recurrence-frequency]")) {
        showGroups(chooser);
      }
      // Ticking a date in the preview must not redraw it under the pointer.
      if (!event.target.closest("[data-recurrence-preview]")) {
        later();
      }
    });
    chooser.addEventListener("input", function (event) {
      if (event.target.type === "number" || event.target.type === "text") {
        later();
      }
    });
    var form = chooser.closest("form");
    if (form) {
      ["start", "end", "all_day"].forEach(function (field) {
        var input = form.elements.namedItem(field);
        if (input && input.addEventListener) {
          input.addEventListener("change", later);
        }
      });
    }
  }

  function init() {
    document.querySelectorAll("[data-recurrence-chooser]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
