/* The editors' desk panels on a story's change form.
 *
 * Every panel button is a plain POST form that works without this script; here they are
 * sent in place (fetch, JSON answer) so the story being edited is not reloaded, and the
 * actor panel follows the headline, standfirst and body as they are typed.
 */
"use strict";
(function () {
  const REFRESH_DELAY = 1200;

  function status(message, ok) {
    const box = document.getElementById("desk-panels");
    if (!box) return;
    box.textContent = message;
    box.className = "desk-status " + (ok ? "desk-ok" : "desk-error");
  }

  async function send(form, body) {
    const response = await fetch(form.action, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    let data;
    try {
      data = await response.json();
    } catch (error) {
      data = { ok: false, message: response.statusText || "Error" };
    }
    return data;
  }

  // Each field's own message, next to it (the answer's "errors": {field name: [messages]}).
  function clearErrors(form) {
    form.querySelectorAll(".desk-field-error").forEach((node) => node.remove());
    form.querySelectorAll("[aria-invalid]").forEach((field) => {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
    });
  }

  function showErrors(form, errors) {
    let first = null;
    for (const [name, messages] of Object.entries(errors || {})) {
      const field = form.elements[name];
      if (!field || !field.id || field.type === "hidden") continue;
      const note = document.createElement("p");
      note.className = "desk-field-error";
      note.id = field.id + "-error";
      note.textContent = messages.join(" ");
      field.after(note);
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", note.id);
      first = first || field;
    }
    if (first) first.focus();
  }

  document.addEventListener("submit", async function (event) {
    const form = event.target;
    if (!form.classList || !form.classList.contains("desk-form")) return;
    event.preventDefault();
    // Read the form (with the clicked button's role) before its buttons are disabled.
    const body = new FormData(form, event.submitter);
    const buttons = form.querySelectorAll("button");
    buttons.forEach((button) => (button.disabled = true));
    let data;
    try {
      data = await send(form, body);
    } catch (error) {
      data = { ok: false, message: String(error) };
    }
    status(data.message, data.ok);
    clearErrors(form);
    if (!data.ok) {
      showErrors(form, data.errors);
      buttons.forEach((button) => (button.disabled = false));
      return;
    }
    const item = form.closest(".desk-item");
    if (form.hasAttribute("data-desk-refresh")) {
      // Dismissed or restored: the panel is drawn again, with its list of dismissed names.
      if (item) item.remove();
      await refresh({ focus: true });
    } else if (item) {
      item.classList.add("desk-done");
      const done = document.createElement("span");
      done.className = "desk-confirm";
      done.textContent = "✓ " + data.message;
      form.replaceWith(done);
    } else {
      form.reset();
      buttons.forEach((button) => (button.disabled = false));
    }
  });

  // Refresh the actor panel from the text being edited (not yet saved).
  let timer = null;
  async function refresh(options) {
    const panel = document.getElementById("desk-actors");
    const storyForm = document.getElementById("article_form");
    if (!panel || !storyForm) return;
    const body = new FormData();
    for (const name of ["csrfmiddlewaretoken", "title", "standfirst", "body"]) {
      const field = storyForm.elements[name];
      if (field) body.append(name, field.value);
    }
    const response = await fetch(panel.dataset.refreshUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
    });
    if (!response.ok) return;
    // The list of dismissed names stays open if it was.
    const open = panel.querySelector("details.desk-dismissed[open]") !== null;
    panel.innerHTML = await response.text();
    const details = panel.querySelector("details.desk-dismissed");
    if (open && details) details.open = true;
    if (options && options.focus) {
      // The button pressed is gone: keyboard users go on from the panel's heading.
      const heading = panel.querySelector("h2[tabindex]");
      if (heading) heading.focus();
    }
  }

  document.addEventListener("input", function (event) {
    const name = event.target && event.target.name;
    if (!["title", "standfirst", "body"].includes(name)) return;
    if (!event.target.form || event.target.form.id !== "article_form") return;
    clearTimeout(timer);
    timer = setTimeout(() => refresh(), REFRESH_DELAY);
  });
})();
