// Progressive enhancement for the article page and the embed's comment section. Every flow
// works without this file.
(function () {
  "use strict";

  // Messages in the page's language, from the comment section's data-messages (the server's
  // catalogues; CSP forbids inline script). English stays as the fallback for an old page.
  var messages = {};
  var holder = document.getElementById("comments");
  try { messages = JSON.parse((holder && holder.dataset.messages) || "{}"); } catch (e) { messages = {}; }
  function t(id, fallback) { return messages[id] || fallback; }
  // The path Commentdesk is served under (`[server] base_path`, "" at the root), from <html data-base>.
  var base = document.documentElement.getAttribute("data-base") || "";

  // Inside the embed's iframe: tell the host page our height, open a linked comment, take the
  // publisher's accent colour. Messages go to the host page's exact origin, never "*", and are
  // taken only from it.
  var root = document.documentElement;
  if (root.classList.contains("embedded") && window.parent !== window) {
    var parents = (root.dataset.parentOrigins || "").split(" ").filter(Boolean);
    var tell = function (msg) {
      parents.forEach(function (o) { window.parent.postMessage(msg, o); });
    };
    if (root.dataset.accent) root.style.setProperty("--accent", root.dataset.accent);
    var last = 0;
    var sendHeight = function () {
      var h = Math.ceil(document.body.getBoundingClientRect().height);
      if (h !== last) { last = h; tell({ type: "commentdesk:height", height: h, title: t("embed-frame-title", "Comments") }); }
    };
    if (window.ResizeObserver) new ResizeObserver(sendHeight).observe(document.body);
    window.addEventListener("load", sendHeight);
    sendHeight();
    var show = function (id) {
      var el = /^comment-\d+$/.test(id) ? document.getElementById(id) : null;
      if (el) tell({ type: "commentdesk:scroll", top: el.getBoundingClientRect().top + window.pageYOffset });
    };
    window.addEventListener("load", function () { if (location.hash) show(location.hash.slice(1)); });
    window.addEventListener("message", function (ev) {
      if (ev.source !== window.parent || parents.indexOf(ev.origin) < 0) return;
      if (ev.data && ev.data.type === "commentdesk:show" && typeof ev.data.id === "string") show(ev.data.id);
    });
    // Links in comments lead away from the thread: open them outside the frame.
    document.addEventListener("click", function (ev) {
      var a = ev.target.closest ? ev.target.closest("a[href]") : null;
      if (a && a.origin !== window.location.origin) { a.target = "_blank"; a.rel = "noopener noreferrer"; }
    });
  }

  // Share: "Copy link" and the native "Share…" appear only where the browser supports them.
  var shareStatus = document.querySelector(".share-status");
  var copy = document.querySelector(".share-copy");
  if (copy && navigator.clipboard && window.isSecureContext) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.dataset.url).then(function () {
        if (shareStatus) shareStatus.textContent = t("share-copied", "Link copied.");
      }, function () {
        if (shareStatus) shareStatus.textContent = t("share-copy-failed", "Could not copy the link.");
      });
    });
  }
  var native = document.querySelector(".share-native");
  if (native && typeof navigator.share === "function") {
    native.hidden = false;
    native.addEventListener("click", function () {
      navigator.share({ title: native.dataset.title, text: native.dataset.text, url: native.dataset.url })
        .catch(function () { /* the reader closed the dialog */ });
    });
  }

  // Report: open a small form in place instead of going to the report page.
  var reportTemplate = document.getElementById("report-template");
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest ? ev.target.closest("a.report-link") : null;
    if (!link || !reportTemplate || !window.fetch) return;
    ev.preventDefault();
    var id = link.dataset.comment;
    var li = document.getElementById("comment-" + id);
    if (!li || li.querySelector(".report-inline")) return;
    var form = reportTemplate.content.firstElementChild.cloneNode(true);
    form.querySelectorAll("[data-id]").forEach(function (el) { el.id = "report-" + id + "-" + el.dataset.id; });
    form.querySelectorAll("label[data-for]").forEach(function (el) { el.htmlFor = "report-" + id + "-" + el.dataset.for; });
    var status = form.querySelector(".report-status");
    form.querySelector(".report-cancel").addEventListener("click", function () { form.remove(); link.focus(); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var checked = form.querySelector("input[name=reason]:checked");
      if (!checked) { status.textContent = t("js-choose-reason", "Please choose a reason."); return; }
      fetch(base + "/api/comments/" + id + "/reports", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ reason: checked.value, note: form.querySelector("textarea").value })
      }).then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (d) {
          if (r.status === 201) {
            status.textContent = t("js-report-thanks", "Thanks, a moderator will look at it.");
            form.querySelectorAll("input, textarea, button[type=submit]").forEach(function (el) { el.disabled = true; });
          } else {
            status.textContent = d.error || t("js-report-failed", "The report could not be sent; please try again.");
          }
        });
      }).catch(function () { status.textContent = t("js-network", "The network failed; please try again."); });
    });
    link.closest("footer").insertAdjacentElement("afterend", form);
    form.querySelector("input[name=reason]").focus();
  });

  // Reactions: in place, through the JSON API; the form posts as it is where fetch is missing.
  document.addEventListener("submit", function (ev) {
    var rf = ev.target;
    if (!rf.classList || !rf.classList.contains("reaction-form") || !window.fetch) return;
    ev.preventDefault();
    var button = rf.querySelector(".reaction-button");
    var action = rf.querySelector("input[name=action]");
    var undo = action.value === "undo";
    var note = rf.querySelector(".reaction-status");
    if (!note) {
      note = document.createElement("span");
      note.className = "reaction-status";
      note.setAttribute("role", "status");
      rf.appendChild(note);
    }
    button.disabled = true;
    fetch(base + "/api/comments/" + button.dataset.comment + "/reaction", {
      method: undo ? "DELETE" : "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (d) {
        if (r.ok) {
          rf.querySelector(".reaction-count").textContent = d.count;
          button.setAttribute("aria-pressed", d.reacted ? "true" : "false");
          action.value = d.reacted ? "undo" : "react";
          note.textContent = "";
        } else {
          note.textContent = d.error || t("js-reaction-failed", "That did not work; please try again.");
        }
      });
    }).catch(function () { note.textContent = t("js-network", "The network failed; please try again."); })
      .then(function () { button.disabled = false; });
  });

  // Live: new comments wait behind "3 new comments – show" at the top of the list; edited and
  // removed ones change in place (see src/live.rs). The comments themselves come rendered from
  // the server. One stream per page; when the server refuses it, the page stays as it is.
  var liveBar = document.querySelector("#comments .live-news");
  if (liveBar && window.EventSource && window.fetch && window.DOMParser) {
    var liveStatus = document.querySelector("#comments .live-status");
    var liveButton = liveBar.querySelector(".live-show");
    var waiting = [];
    var liveText = function (key, n) { return (liveBar.dataset[key] || "").replace("{n}", String(n)); };
    var byId = function (id) { return document.getElementById("comment-" + id); };
    var depthOf = function (li) { var m = /depth-(\d+)/.exec(li.className); return m ? Number(m[1]) : 0; };
    var isWaiting = function (id) { return waiting.some(function (w) { return w.id === id; }); };
    var newestFirst = liveBar.dataset.sort === "newest";
    var fetchComments = function (ids) {
      var url = liveBar.dataset.fragment + "?ids=" + ids.join(",");
      if (liveBar.dataset.view) url += "&view=" + encodeURIComponent(liveBar.dataset.view);
      return fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.text();
      }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        return Array.prototype.slice.call(doc.querySelectorAll(".comment-list > li.comment"));
      });
    };
    var updateBar = function () {
      var n = waiting.length;
      liveButton.textContent = n ? liveText(n === 1 ? "one" : "many", n) : "";
      liveBar.hidden = n === 0;
    };
    // Where a new comment goes: after its parent's thread, or as a thread of its own where the
    // order puts new threads (the top when newest first; the end when all threads are shown).
    var place = function (li, parent) {
      var list = document.querySelector("#comments .comment-list");
      if (!list || byId(li.dataset.id)) return null;
      if (parent) {
        var p = byId(parent);
        if (!p) return null;
        var after = p, d = depthOf(p);
        while (after.nextElementSibling && depthOf(after.nextElementSibling) > d) after = after.nextElementSibling;
        after.insertAdjacentElement("afterend", li);
      } else if (newestFirst) {
        list.insertBefore(li, list.firstElementChild);
      } else {
        list.appendChild(li);
      }
      return li;
    };
    var placeable = function (e) {
      if (e.parent) return !!byId(e.parent) || isWaiting(e.parent);
      return newestFirst || !document.querySelector("#comments .show-more");
    };
    // The page was away longer than the server keeps events (a day): it cannot be told what it
    // missed, so it offers a reload instead of inserting comments into a stale thread.
    var stale = false;
    liveButton.addEventListener("click", function () {
      if (stale) { window.location.reload(); return; }
      var batch = waiting.splice(0, 100);
      var parents = {};
      batch.forEach(function (w) { parents[w.id] = w.parent; });
      liveButton.disabled = true;
      fetchComments(batch.map(function (w) { return w.id; })).then(function (lis) {
        var first = null, shown = 0;
        lis.forEach(function (li) {
          var placed = place(document.importNode(li, true), parents[Number(li.dataset.id)]);
          if (placed) { shown += 1; if (!first) first = placed; }
        });
        updateBar();
        if (liveStatus) liveStatus.textContent = liveText("shown", shown);
        var target = first || document.getElementById("comments");
        if (first) first.setAttribute("tabindex", "-1");
        target.focus();
      }, function () {
        waiting = batch.concat(waiting);
        updateBar();
      }).then(function () { liveButton.disabled = false; });
    });
    var replaceInPlace = function (id) {
      fetchComments([id]).then(function (lis) {
        var old = byId(id);
        if (old && lis[0]) {
          old.className = lis[0].className;
          old.replaceChildren.apply(old, Array.prototype.slice.call(document.importNode(lis[0], true).childNodes));
        }
      }, function () { /* the next change will try again */ });
    };
    var source = new EventSource(liveBar.dataset.events);
    source.addEventListener("reset", function () {
      stale = true;
      waiting = [];
      source.close();
      liveButton.textContent = liveText("reset", 0);
      liveBar.hidden = false;
    });
    source.onmessage = function (ev) {
      if (stale) return;
      var e;
      try { e = JSON.parse(ev.data); } catch (x) { return; }
      if (e.kind === "published") {
        var there = byId(e.id);
        // The reader's own comment, approved by a moderator.
        if (there) { if (there.classList.contains("is-pending")) replaceInPlace(e.id); return; }
        if (isWaiting(e.id) || !placeable(e)) return;
        waiting.push({ id: e.id, parent: e.parent });
        updateBar();
      } else if (e.kind === "edited") {
        if (byId(e.id)) replaceInPlace(e.id);
      } else if (e.kind === "removed") {
        waiting = waiting.filter(function (w) { return w.id !== e.id; });
        updateBar();
        var li = byId(e.id);
        if (li && !li.classList.contains("is-pending")) {
          var body = li.querySelector(".comment-body");
          if (body) body.textContent = liveText("removed", 0);
          var actions = li.querySelector(".comment-actions");
          if (actions) actions.remove();
          li.classList.add("is-removed");
        }
      }
    };
  }

  var section = document.getElementById("comments");
  var slug = section ? section.dataset.slug : null;
  var form = document.getElementById("comment-form");
  if (!slug || !form || !window.fetch) return;

  var status = form.querySelector(".status");
  function say(msg) { if (status) status.textContent = msg; }

  function clearErrors() {
    form.querySelectorAll(".field-error.js-error").forEach(function (e) { e.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) {
      el.removeAttribute("aria-invalid");
      el.setAttribute("aria-describedby", el.id + "-hint");
    });
  }

  function showError(field, message) {
    var input = form.querySelector("#" + (field === "parent_id" ? "body" : field));
    if (!input) { say(message); return; }
    var p = document.createElement("p");
    p.className = "field-error js-error";
    p.id = input.id + "-error";
    p.textContent = message;
    input.insertAdjacentElement("afterend", p);
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", input.id + "-hint " + p.id);
  }

  // Reply links open the form under the comment instead of reloading the page.
  document.querySelectorAll("a.reply-link").forEach(function (link) {
    link.addEventListener("click", function (ev) {
      ev.preventDefault();
      var li = document.getElementById("comment-" + link.dataset.replyTo);
      if (!li) return;
      var parent = form.querySelector("input[name=parent_id]");
      if (!parent) {
        parent = document.createElement("input");
        parent.type = "hidden";
        parent.name = "parent_id";
        form.appendChild(parent);
      }
      parent.value = link.dataset.replyTo;
      li.appendChild(form);
      var title = form.querySelector(".form-title");
      if (title) title.textContent = t("form-title-reply", "Your reply");
      form.querySelector("textarea").focus();
    });
  });

  function refreshComments(anchor) {
    return fetch(window.location.pathname + window.location.search, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector(".comment-list");
        var list = document.querySelector(".comment-list");
        if (fresh && list) {
          if (list.contains(form)) list.parentNode.insertBefore(form, list);
          list.replaceWith(fresh);
        }
        var count = doc.querySelector("#comments-heading .count");
        var mine = document.querySelector("#comments-heading .count");
        if (count && mine) mine.textContent = count.textContent;
        var target = document.getElementById(anchor);
        if (target) target.scrollIntoView({ block: "center" });
      });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearErrors();
    var body = form.querySelector("textarea[name=body]");
    var author = form.querySelector("input[name=author]");
    var parent = form.querySelector("input[name=parent_id]");
    var payload = { body: body.value, author: author ? author.value : "" };
    if (parent && parent.value) payload.parent_id = Number(parent.value);
    var notify = form.querySelector("input[name=notify_email]");
    if (notify && notify.value.trim()) payload.notify_email = notify.value;
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    say(t("js-posting", "Posting your comment…"));
    fetch(base + "/api/articles/" + encodeURIComponent(slug) + "/comments", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(payload)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) { return { r: r, data: data }; });
    }).then(function (res) {
      var r = res.r, data = res.data;
      if (r.status === 201 || r.status === 202) {
        body.value = "";
        if (parent) parent.remove();
        say(r.status === 201 ? t("js-published", "Your comment is published.") : t("js-awaiting", "Thanks! Your comment is awaiting moderation."));
        return refreshComments("comment-" + data.id);
      }
      if (r.status === 422 && data.errors) {
        data.errors.forEach(function (e) { showError(e.field, e.message); });
        say(t("js-correct-errors", "Please correct the errors marked below."));
      } else if (r.status === 429) {
        say(t("js-too-fast", "You are posting too fast. Please wait {seconds} seconds and try again. Your text is kept.")
          .replace("{seconds}", String(data.retry_after || r.headers.get("Retry-After"))));
      } else {
        say((data && data.error) || t("js-post-failed", "Your comment could not be posted. Your text is kept; please try again."));
      }
    }).catch(function () {
      say(t("js-network-kept", "The network failed. Your text is kept; please try again."));
    }).then(function () { button.disabled = false; });
  });
})();
