// Moderation console: keyboard shortcuts and multi-select on top of plain forms. Every action
// works without this file; it only finds the current comment's form and submits it.
(function () {
  "use strict";
  var list = document.querySelector(".mod-list");
  var help = document.getElementById("shortcut-help");
  var items = list ? Array.prototype.slice.call(list.querySelectorAll(".mod-item")) : [];
  var current = -1;
  var KEY = "commentdesk-mod-index";
  // Messages in the console's language (the bulk form's data-messages; CSP forbids inline script).
  var messages = {};
  var bulk = document.getElementById("bulk-form");
  try { messages = JSON.parse((bulk && bulk.dataset.messages) || "{}"); } catch (e) { messages = {}; }

  function select(i, focus) {
    if (!items.length) { return; }
    i = Math.max(0, Math.min(items.length - 1, i));
    if (current >= 0 && items[current]) { items[current].classList.remove("is-current"); }
    current = i;
    var el = items[current];
    el.classList.add("is-current");
    if (focus) { el.focus({ preventScroll: false }); }
    el.scrollIntoView({ block: "nearest" });
  }

  function act(name) {
    if (current < 0) { return; }
    var form = items[current].querySelector('form[data-action="' + name + '"]');
    if (!form) { return; }
    try { sessionStorage.setItem(KEY, String(current)); } catch (e) { /* storage off */ }
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }

  function updateCount() {
    var n = document.querySelectorAll(".mod-select:checked").length;
    var out = document.querySelector(".bulk-count");
    if (out) { out.textContent = n ? (messages["js-selected"] || "({count} selected)").replace("{count}", String(n)) : ""; }
  }

  function toggleHelp(show) {
    if (!help) { return; }
    var open = typeof show === "boolean" ? show : help.hidden;
    help.hidden = !open;
    if (open) { help.querySelector("button").focus(); } else if (current >= 0) { items[current].focus(); }
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var t = ev.target;
    var tag = t && t.tagName;
    if (t && (t.isContentEditable || tag === "SELECT" || tag === "TEXTAREA" || (tag === "INPUT" && t.type !== "checkbox"))) { return; }
    if (ev.key === "Escape" && help && !help.hidden) { toggleHelp(false); ev.preventDefault(); return; }
    switch (ev.key) {
      case "j": select(current + 1, true); break;
      case "k": select(current - 1, true); break;
      case "a": act("approve"); break;
      case "r": act("reject"); break;
      case "s": act("spam"); break;
      case "b":
        if (current >= 0 && window.confirm(messages["js-confirm-ban"] || "Ban this author and reject their pending comments?")) { act("ban"); }
        break;
      case "x":
        if (current >= 0) {
          var box = items[current].querySelector(".mod-select");
          if (box) { box.checked = !box.checked; updateCount(); }
        }
        break;
      case "?": toggleHelp(); break;
      default: return;
    }
    ev.preventDefault();
  });

  if (help) { help.querySelector(".mod-help-close").addEventListener("click", function () { toggleHelp(false); }); }
  document.addEventListener("change", function (ev) { if (ev.target.classList && ev.target.classList.contains("mod-select")) { updateCount(); } });
  items.forEach(function (el, i) { el.addEventListener("click", function () { if (current !== i) { select(i, false); } }); });

  if (items.length) {
    var start = 0;
    try { start = parseInt(sessionStorage.getItem(KEY) || "0", 10) || 0; sessionStorage.removeItem(KEY); } catch (e) { start = 0; }
    select(start, false);
  }
  updateCount();
})();
