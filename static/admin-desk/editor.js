/* The story body's writing surface (desk.writing.BodyEditor, body_editor.html).
 *
 * A Markdown toolbar (keyboard: one tab stop, arrow keys between buttons, Ctrl/Cmd+B and
 * Ctrl/Cmd+I in the text), a textarea that grows with the text, and a preview the server
 * renders with the site's own renderer and sanitiser, so it is what readers will see.
 * The picture button opens the picture library's picker, as the lead image's lookup does
 * (Django's RelatedObjectLookups.js), and writes [[picture:N]] on a line of its own.
 */
"use strict";
(function () {
  const PREVIEW_DELAY = 400;
  // Chromium sizes a textarea to its text by itself; elsewhere the script does.
  const SIZES_ITSELF = window.CSS && CSS.supports("field-sizing", "content");

  function setUp(editor) {
    const toolbar = editor.querySelector(".desk-editor-toolbar");
    const textarea = document.getElementById(toolbar.getAttribute("aria-controls"));
    const preview = editor.querySelector(".desk-editor-rendered");
    const stats = editor.querySelector(".desk-editor-stats");
    const status = editor.querySelector(".desk-editor-status");
    const picked = document.getElementById(editor.dataset.pickerInput);
    const buttons = Array.from(toolbar.querySelectorAll("button"));
    if (!textarea) return;

    // Replace a range of the text. execCommand keeps the browser's undo history (Ctrl+Z
    // undoes a toolbar change) and fires "input"; setRangeText is the fallback.
    function replace(start, end, text, selectStart, selectEnd) {
      textarea.focus();
      textarea.setSelectionRange(start, end);
      if (!document.execCommand || !document.execCommand("insertText", false, text)) {
        textarea.setRangeText(text, start, end, "end");
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }
      textarea.setSelectionRange(selectStart, selectEnd);
    }

    // The selection without the spaces around it: "**word **" is not bold in Markdown.
    function selection() {
      const value = textarea.value;
      let start = textarea.selectionStart;
      let end = textarea.selectionEnd;
      while (start < end && /\s/.test(value[start])) start++;
      while (end > start && /\s/.test(value[end - 1])) end--;
      return { value, start, end, text: value.slice(start, end) };
    }

    function wrap(marker) {
      const { value, start, end, text } = selection();
      const size = marker.length;
      const outside = value.slice(start - size, start) === marker;
      if (outside && value.slice(end, end + size) === marker) {
        // Already wrapped: the same button takes the marks away again.
        replace(start - size, end + size, text, start - size, end - size);
        return;
      }
      replace(start, end, marker + text + marker, start + size, end + size);
    }

    function link() {
      const { start, end, text } = selection();
      const url = "https://";
      const inserted = "[" + text + "](" + url + ")";
      if (text) {
        // The address is selected, to be typed over.
        const at = start + text.length + 3;
        replace(start, end, inserted, at, at + url.length);
      } else {
        replace(start, end, inserted, start + 1, start + 1);
      }
    }

    // Add a prefix to every line the selection touches, or take it away if all have it.
    function prefixLines(prefix, strip) {
      const value = textarea.value;
      const start = textarea.selectionStart;
      let end = textarea.selectionEnd;
      if (end > start && value[end - 1] === "\n") end--;
      const first = value.lastIndexOf("\n", start - 1) + 1;
      let last = value.indexOf("\n", end);
      if (last === -1) last = value.length;
      const lines = value.slice(first, last).split("\n");
      const all = lines.every((line) => line.startsWith(prefix));
      const changed = lines
        .map((line) => (all ? line.slice(prefix.length) : prefix + line.replace(strip, "")))
        .join("\n");
      if (start === textarea.selectionEnd) {
        const caret = first + changed.length;
        replace(first, last, changed, caret, caret);
      } else {
        replace(first, last, changed, first, first + changed.length);
      }
    }

    // A block (a picture reference) alone in its paragraph, as the renderer wants it.
    function insertBlock(text) {
      const value = textarea.value;
      const start = textarea.selectionStart;
      const end = textarea.selectionEnd;
      const before = value.slice(0, start);
      const after = value.slice(end);
      const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
      const trail = after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
      const inserted = lead + text + trail;
      const caret = start + inserted.length;
      replace(start, end, inserted, caret, caret);
    }

    function pickPicture() {
      if (!picked || typeof window.showRelatedObjectLookupPopup !== "function") return;
      // Django names the popup after the field it fills: the hidden input, watched below.
      const href = new URL(editor.dataset.pickerUrl, window.location.href).href;
      window.showRelatedObjectLookupPopup({ id: "lookup_" + picked.id, href: href });
    }

    const TOOLS = {
      bold: () => wrap("**"),
      italic: () => wrap("_"),
      link: link,
      heading: () => prefixLines("## ", /^#+\s*/),
      quote: () => prefixLines("> ", /^>\s?/),
      list: () => prefixLines("- ", /^[-*+]\s+/),
      picture: pickPicture,
    };

    toolbar.addEventListener("click", function (event) {
      const button = event.target.closest("button[data-tool]");
      if (button && TOOLS[button.dataset.tool]) TOOLS[button.dataset.tool]();
    });

    // One tab stop for the toolbar; the arrow keys move between its buttons.
    buttons.forEach((button, index) => (button.tabIndex = index === 0 ? 0 : -1));
    toolbar.addEventListener("keydown", function (event) {
      const index = buttons.indexOf(document.activeElement);
      if (index === -1) return;
      const moves = {
        ArrowRight: index + 1,
        ArrowLeft: index - 1,
        Home: 0,
        End: buttons.length - 1,
      };
      if (!(event.key in moves)) return;
      event.preventDefault();
      const next = buttons[(moves[event.key] + buttons.length) % buttons.length];
      buttons[index].tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
    });

    textarea.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key === "b" || key === "i") {
        event.preventDefault();
        TOOLS[key === "b" ? "bold" : "italic"]();
      }
    });

    // Django's lookup sets the hidden input and fires jQuery's "change" (not a DOM event).
    if (picked && window.django && window.django.jQuery) {
      window.django.jQuery(picked).on("change", function () {
        const number = picked.value.trim();
        picked.value = "";
        if (/^\d+$/.test(number)) insertBlock("[[picture:" + number + "]]");
      });
    }

    function grow() {
      if (SIZES_ITSELF) return;
      // Measured at its natural height; the page keeps its scroll position meanwhile.
      const scroll = window.scrollY;
      textarea.style.height = "auto";
      textarea.style.height = textarea.scrollHeight + 2 + "px";
      window.scrollTo(window.scrollX, scroll);
    }

    // One preview request at a time: typing meanwhile asks again when the answer is in.
    let timer = null;
    let busy = false;
    let again = false;
    async function refresh() {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      again = false;
      const form = textarea.form;
      const data = new FormData();
      const token = form && form.elements.csrfmiddlewaretoken;
      if (token) data.append("csrfmiddlewaretoken", token.value);
      data.append("body", textarea.value);
      let answer;
      try {
        const response = await fetch(editor.dataset.previewUrl, {
          method: "POST",
          body: data,
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        answer = await response.json().catch(() => ({
          ok: false,
          message: response.status + " " + response.statusText,
        }));
      } catch (error) {
        answer = { ok: false, message: String(error.message || error) };
      }
      busy = false;
      if (again) {
        refresh();
        return;
      }
      if (!answer.ok) {
        status.textContent = editor.dataset.failed + " " + answer.message;
        editor.classList.add("desk-editor-failed");
        return;
      }
      status.textContent = "";
      editor.classList.remove("desk-editor-failed");
      // The server's sanitised rendering (articles.rendering), as the story page shows it.
      preview.innerHTML = answer.html;
      stats.textContent = answer.stats;
    }

    textarea.addEventListener("input", function () {
      grow();
      clearTimeout(timer);
      timer = setTimeout(refresh, PREVIEW_DELAY);
    });
    editor.classList.add("desk-editor-ready");
    grow();
  }

  function start() {
    document.querySelectorAll(".desk-editor").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
