/* The story's topics as chips, with an autocomplete list of the existing topics.
 *
 * The comma-separated text box stays the form's field (hidden here, kept in step), so the
 * form works the same without this script. The list follows the ARIA combobox pattern:
 * Up and Down choose, Enter adds, Escape closes, Backspace in the empty box removes the last
 * topic. A new topic is added only by its explicit "Create topic" option, which also writes
 * the name into the form's confirmation field (new_topics).
 */
"use strict";
(function () {
  const DELAY = 200;

  // taggit's parse_tags: quoted names, then commas, else spaces, split the text.
  function parseTags(text) {
    if (!text || !text.trim()) return [];
    const words = [];
    const rest = [];
    let buffer = "";
    let looseComma = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      const close = c === '"' ? text.indexOf('"', i + 1) : -1;
      if (close !== -1) {
        if (buffer) rest.push(buffer);
        buffer = "";
        const word = text.slice(i + 1, close).trim();
        if (word) words.push(word);
        i = close;
      } else {
        if (c === ",") looseComma = true;
        buffer += c;
      }
    }
    if (buffer) rest.push(buffer);
    const delimiter = looseComma ? "," : " ";
    rest.forEach((chunk) =>
      chunk.split(delimiter).forEach((word) => {
        const name = word.replace(/"/g, "").trim();
        if (name) words.push(name);
      })
    );
    return words;
  }

  // taggit's edit_string_for_tags: names holding a comma or a space are quoted.
  function editString(names) {
    return names.map((n) => (/[,\s]/.test(n) ? '"' + n + '"' : n)).join(", ");
  }

  const key = (name) => name.toLocaleLowerCase();

  function init(box) {
    const field = document.getElementById(box.dataset.input);
    const confirmedField = box.querySelector(".desk-topics-confirmed");
    if (!field || !confirmedField) return;
    const id = field.id;
    let topics = [];
    parseTags(field.value).forEach((name) => {
      if (!topics.some((t) => key(t) === key(name))) topics.push(name);
    });
    const confirmed = new Set(parseTags(confirmedField.value).map(key));

    // The text box stays in the form, hidden; the new input takes its id, so the field's
    // label names it.
    field.id = id + "_text";
    field.type = "hidden";

    const chips = document.createElement("ul");
    chips.className = "desk-topics-chips";
    chips.setAttribute("aria-label", box.dataset.chosen);
    const combo = document.createElement("input");
    combo.type = "text";
    combo.id = id;
    combo.className = "desk-topics-input vTextField";
    combo.autocomplete = "off";
    combo.setAttribute("role", "combobox");
    combo.setAttribute("aria-autocomplete", "list");
    combo.setAttribute("aria-expanded", "false");
    combo.setAttribute("aria-controls", id + "_listbox");
    // The field's help text is for the comma-separated box without this script: the list's
    // own help replaces it. Its error state stays with the box the editor types in.
    const ownHelp = document.getElementById(id + "_helptext");
    if (ownHelp) ownHelp.hidden = true;
    const described = [
      ...(field.getAttribute("aria-describedby") || "").split(" ").filter((ref) => ref !== id + "_helptext"),
      id + "_help",
    ];
    combo.setAttribute("aria-describedby", described.filter(Boolean).join(" "));
    if (field.getAttribute("aria-invalid")) {
      combo.setAttribute("aria-invalid", field.getAttribute("aria-invalid"));
    }
    const listbox = document.createElement("ul");
    listbox.id = id + "_listbox";
    listbox.className = "desk-topics-listbox";
    listbox.setAttribute("role", "listbox");
    listbox.hidden = true;
    const status = document.createElement("p");
    status.className = "desk-topics-status";
    status.setAttribute("role", "status");
    const help = document.createElement("p");
    help.id = id + "_help";
    help.className = "desk-topics-help";
    help.textContent = box.dataset.help;
    const wrap = document.createElement("div");
    wrap.className = "desk-topics-combo";
    wrap.append(combo, listbox);
    // The hint ("Did you mean …?") above the list, which pushes the form down.
    field.after(chips, status, wrap, help);

    function sync() {
      field.value = editString(topics);
      confirmedField.value = editString(topics.filter((t) => confirmed.has(key(t))));
      chips.replaceChildren(
        ...topics.map((name) => {
          const chip = document.createElement("li");
          chip.className = "desk-topics-chip";
          const label = document.createElement("span");
          label.textContent = name;
          const remove = document.createElement("button");
          remove.type = "button";
          remove.className = "desk-topics-remove";
          remove.textContent = "×";
          remove.setAttribute("aria-label", box.dataset.remove.replace("{name}", name));
          remove.addEventListener("click", () => {
            removeTopic(name);
            combo.focus();
          });
          chip.append(label, remove);
          return chip;
        })
      );
      chips.hidden = topics.length === 0;
    }

    function removeTopic(name) {
      topics = topics.filter((t) => key(t) !== key(name));
      sync();
    }

    function addTopic(name, create) {
      if (create) confirmed.add(key(name));
      if (!topics.some((t) => key(t) === key(name))) topics.push(name);
      sync();
    }

    let options = [];
    let active = -1;

    function close() {
      listbox.hidden = true;
      combo.setAttribute("aria-expanded", "false");
      combo.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
      active = index;
      if (index >= 0) {
        combo.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        combo.removeAttribute("aria-activedescendant");
      }
    }

    function choose(option) {
      addTopic(option.dataset.name, option.dataset.create === "true");
      combo.value = "";
      status.textContent = "";
      close();
      combo.focus();
    }

    function option(name, text, detail, create) {
      const item = document.createElement("li");
      item.id = id + "_option_" + options.length;
      item.className = "desk-topics-option" + (create ? " desk-topics-new" : "");
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.name = name;
      item.dataset.create = String(create);
      item.textContent = text;
      if (detail) {
        const small = document.createElement("span");
        small.className = "desk-topics-detail";
        small.textContent = " " + detail;
        item.append(small);
      }
      // mousedown would take the focus from the box before the click chooses.
      item.addEventListener("mousedown", (event) => event.preventDefault());
      item.addEventListener("click", () => choose(item));
      options.push(item);
      return item;
    }

    function show(data) {
      options = [];
      const chosen = new Set(topics.map(key));
      const items = data.results
        .filter((result) => !chosen.has(key(result.name)))
        .map((result) => option(result.name, result.name, result.detail, false));
      const novel = data.new;
      if (novel && novel.create && !chosen.has(key(novel.name))) {
        items.push(option(novel.name, novel.label, "", true));
      }
      listbox.replaceChildren(...items);
      status.textContent = (novel && novel.message) || data.status;
      if (items.length) {
        listbox.hidden = false;
        combo.setAttribute("aria-expanded", "true");
        highlight(-1);
      } else {
        close();
      }
    }

    let timer = null;
    let asked = 0;

    async function ask() {
      const query = combo.value.trim();
      const number = ++asked;
      if (!query) {
        close();
        status.textContent = "";
        return;
      }
      let data;
      try {
        const url = box.dataset.source + "?q=" + encodeURIComponent(query);
        const response = await fetch(url, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        data = await response.json();
        if (!response.ok) throw new Error(data.error || response.statusText);
      } catch (error) {
        if (number === asked) status.textContent = box.dataset.failed;
        return;
      }
      if (number === asked) show(data);
    }

    combo.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });

    combo.addEventListener("keydown", (event) => {
      const open = !listbox.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!open) {
          ask();
          return;
        }
        const step = event.key === "ArrowDown" ? 1 : -1;
        let next = active + step;
        if (next >= options.length) next = 0;
        if (next < 0) next = options.length - 1;
        highlight(next);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          choose(options[active]);
        } else if (combo.value.trim()) {
          // Not a topic yet: Enter must not send the story.
          event.preventDefault();
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        } else if (combo.value) {
          event.preventDefault();
          combo.value = "";
          status.textContent = "";
        }
      } else if (event.key === "Backspace" && combo.value === "" && topics.length) {
        event.preventDefault();
        removeTopic(topics[topics.length - 1]);
      }
    });

    box.addEventListener("focusout", (event) => {
      if (!box.contains(event.relatedTarget)) close();
    });

    sync();
  }

  function start() {
    document.querySelectorAll(".desk-topics").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
