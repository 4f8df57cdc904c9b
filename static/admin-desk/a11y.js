/* Names for the admin's autocomplete boxes (Django's bundled Select2), which leave them
   nameless for a screen reader: the single choice's combobox and text, the multiple choice's
   search box, and a list that holds a non-item (its "clear" cross). Select2 redraws its
   boxes on every choice, so each redraw is named again. */
(function () {
  "use strict";

  function labelId(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (!label) { return null; }
    if (!label.id) { label.id = select.id + "-label"; }
    return label.id;
  }

  function name(container) {
    var select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") { return; }
    var id = labelId(select);
    if (!id) { return; }
    var single = container.querySelector(".select2-selection--single");
    if (single) {
      var rendered = single.querySelector(".select2-selection__rendered");
      single.setAttribute("aria-labelledby", rendered ? id + " " + rendered.id : id);
      if (rendered) { rendered.setAttribute("aria-labelledby", id); }
    }
    var multiple = container.querySelector(".select2-selection--multiple");
    if (multiple) {
      multiple.setAttribute("aria-labelledby", id);
      container.querySelectorAll(".select2-search__field").forEach(function (field) {
        field.setAttribute("aria-labelledby", id);
      });
      container.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
        list.setAttribute("role", "none");
        Array.prototype.forEach.call(list.children, function (child) {
          if (child.tagName === "LI") { child.setAttribute("role", "none"); }
        });
      });
    }
  }

  function nameAll(root) {
    root.querySelectorAll(".select2-container").forEach(name);
  }

  function start() {
    nameAll(document);
    new MutationObserver(function (records) {
      var seen = new Set();
      records.forEach(function (record) {
        var target = record.target.closest && record.target.closest(".select2-container");
        record.addedNodes.forEach(function (node) {
          if (node.nodeType !== 1) { return; }
          if (node.classList.contains("select2-container")) { seen.add(node); }
          if (node.querySelectorAll) { node.querySelectorAll(".select2-container").forEach(function (c) { seen.add(c); }); }
        });
        if (target) { seen.add(target); }
      });
      seen.forEach(name);
    }).observe(document.body, {childList: true, subtree: true});
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
