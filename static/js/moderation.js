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
  items.forEach(function (el) { el.addEventListener("click", function () { var i = items.indexOf(el); if (current !== i) { select(i, false); } }); });

  if (items.length) {
    var start = 0;
    try { start = parseInt(sessionStorage.getItem(KEY) || "0", 10) || 0; sessionStorage.removeItem(KEY); } catch (e) { start = 0; }
    select(start, false);
  }
  updateCount();

  // Live: the moderators' stream (src/live.rs) says when the queue may have changed. The tab
  // counts and the title follow at once; comments that arrived wait behind "2 new – show";
  // comments another moderator decided are marked. What is shown comes from this page's own
  // URL, rendered by the server.
  var liveBar = document.querySelector(".live-news");
  if (liveBar && window.EventSource && window.fetch && window.DOMParser) {
    var liveStatus = document.querySelector(".live-status");
    var liveButton = liveBar.querySelector(".live-show");
    var baseTitle = document.title;
    var tab = document.querySelector('.mod-tabs a[aria-current="page"]');
    // Pending and Reported list the oldest first: new comments join at the end, and a comment
    // that left the list was decided. The other queues list the newest decisions first.
    var oldestFirst = !tab || tab.dataset.queue === "pending" || tab.dataset.queue === "reported";
    var arrived = [];
    var liveText = function (key, n) { return (liveBar.dataset[key] || "").replace("{n}", String(n)); };
    var updateBar = function () {
      var n = arrived.length;
      liveButton.textContent = n ? liveText(n === 1 ? "one" : "many", n) : "";
      liveBar.hidden = n === 0;
    };
    var refreshItems = function () { items = list ? Array.prototype.slice.call(list.querySelectorAll(".mod-item")) : []; };
    var reload = function () {
      return fetch(window.location.href, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.text();
      }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = Array.prototype.slice.call(doc.querySelectorAll(".mod-list > .mod-item"));
        var ids = {};
        fresh.forEach(function (li) {
          ids[li.id] = true;
          if (!document.getElementById(li.id) && !arrived.some(function (a) { return a.id === li.id; })) arrived.push(li);
        });
        arrived = arrived.filter(function (li) { return ids[li.id]; });
        items.forEach(function (li) {
          if (!oldestFirst || ids[li.id] || li.classList.contains("is-decided")) return;
          li.classList.add("is-decided");
          var note = document.createElement("p");
          note.className = "mod-decided";
          note.textContent = liveText("decided", 0);
          var head = li.querySelector(".mod-item-head");
          if (head) head.insertAdjacentElement("afterend", note);
          li.querySelectorAll(".mod-actions button, .mod-select").forEach(function (b) { b.disabled = true; });
        });
        updateBar();
      });
    };
    liveButton.addEventListener("click", function () {
      if (!list) { window.location.reload(); return; }
      var first = null;
      var at = list.firstElementChild;
      arrived.forEach(function (li) {
        var el = document.importNode(li, true);
        if (oldestFirst) { list.appendChild(el); } else { list.insertBefore(el, at); }
        el.addEventListener("click", function () { var i = items.indexOf(el); if (current !== i) { select(i, false); } });
        if (!first) { first = el; }
      });
      var n = arrived.length;
      arrived = [];
      refreshItems();
      updateBar();
      if (liveStatus) liveStatus.textContent = liveText("shown", n);
      if (first) select(items.indexOf(first), true);
    });
    var source = new EventSource(liveBar.dataset.events);
    source.addEventListener("queue", function (ev) {
      var counts;
      try { counts = JSON.parse(ev.data); } catch (x) { return; }
      document.querySelectorAll(".mod-tabs a[data-queue]").forEach(function (a) {
        var c = a.querySelector(".count");
        if (c && typeof counts[a.dataset.queue] === "number") c.textContent = String(counts[a.dataset.queue]);
      });
      document.title = "(" + counts.pending + ") " + baseTitle;
      reload().catch(function () { /* the next event will try again */ });
    });
  }
})();
