// Commentdesk's embed: the publisher pastes
//   <div id="commentdesk" data-commentdesk-url="https://news.example/story"></div>
//   <script src="https://comments.news.example/embed.js" async></script>
// and this file puts the comment section there in an iframe served by Commentdesk, sized to its
// content, and fills every [data-commentdesk-count-url] element with the page's comment count.
// No dependencies, no cookies of its own, nothing sent anywhere but to Commentdesk.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.URL || !window.postMessage) return;
  var src = new URL(script.src, window.location.href);
  // Where Commentdesk answers: this script's origin, plus the path it is served under
  // (`server.base_path` behind the publisher's proxy).
  var match = src.pathname.match(/^(.*?)\/(?:embed\.js|static\/js\/embed\.[0-9a-f]+\.js)$/);
  var origin = src.origin;
  var root = origin + (match ? match[1] : "");

  var frames = [];
  // Texts shown before the frame can name itself, in the site's language: `/embed.js` is served
  // with this line filled in from the message catalogue (English in the file itself).
  var messages = {"embed-fallback-link":"Read and post comments","embed-frame-title":"Comments"};

  function frameFor(el) {
    var url = el.getAttribute("data-commentdesk-url") || window.location.href.split("#")[0];
    var q = "url=" + encodeURIComponent(url) +
      "&title=" + encodeURIComponent(el.getAttribute("data-commentdesk-title") || document.title || "");
    var slug = el.getAttribute("data-commentdesk-slug");
    if (slug) q += "&slug=" + encodeURIComponent(slug);
    var theme = el.getAttribute("data-commentdesk-theme");
    if (theme) q += "&theme=" + encodeURIComponent(theme);
    var accent = el.getAttribute("data-commentdesk-accent");
    if (accent) q += "&accent=" + encodeURIComponent(accent);
    var iframe = document.createElement("iframe");
    iframe.src = root + "/embed?" + q + commentHash();
    iframe.title = messages["embed-frame-title"];
    iframe.setAttribute("loading", "lazy");
    iframe.setAttribute("scrolling", "no");
    iframe.className = "commentdesk-frame";
    iframe.style.width = "100%";
    iframe.style.border = "0";
    iframe.style.height = "480px";
    iframe.style.display = "block";
    el.innerHTML = "";
    el.appendChild(iframe);
    frames.push(iframe);
    // Without word from the frame (a page not allowed to show comments, a network failure),
    // offer the full page instead.
    var fallback = setTimeout(function () {
      if (iframe.dataset.ready) return;
      var p = document.createElement("p");
      var a = document.createElement("a");
      a.href = root + "/c?" + q;
      a.textContent = messages["embed-fallback-link"];
      p.appendChild(a);
      el.appendChild(p);
    }, 15000);
    iframe.commentdeskFallback = fallback;
  }

  // `#comment-42` in the host page's address opens that comment.
  function commentHash() {
    return /^#comment-\d+$/.test(window.location.hash) ? window.location.hash : "";
  }

  // Messages are taken only from Commentdesk's origin and only from one of our frames.
  window.addEventListener("message", function (ev) {
    if (ev.origin !== origin) return;
    var iframe = null;
    for (var i = 0; i < frames.length; i++) if (frames[i].contentWindow === ev.source) iframe = frames[i];
    var d = ev.data;
    if (!iframe || !d || typeof d !== "object") return;
    if (d.type === "commentdesk:height" && typeof d.height === "number" && d.height > 0) {
      if (!iframe.dataset.ready) clearTimeout(iframe.commentdeskFallback);
      iframe.dataset.ready = "1";
      iframe.style.height = Math.ceil(Math.min(d.height, 1000000)) + "px";
      // The frame names itself in the page's language.
      if (typeof d.title === "string" && d.title) iframe.title = d.title.slice(0, 200);
    } else if (d.type === "commentdesk:scroll" && typeof d.top === "number") {
      var top = iframe.getBoundingClientRect().top + window.pageYOffset + d.top;
      window.scrollTo(0, Math.max(0, top - 16));
    }
  });

  window.addEventListener("hashchange", function () {
    var h = commentHash();
    if (!h) return;
    frames.forEach(function (f) {
      if (f.contentWindow) f.contentWindow.postMessage({ type: "commentdesk:show", id: h.slice(1) }, origin);
    });
  });

  function fillCounts() {
    var els = document.querySelectorAll("[data-commentdesk-count-url]");
    if (!els.length || !window.fetch) return;
    var urls = [];
    els.forEach(function (el) {
      var u = el.getAttribute("data-commentdesk-count-url");
      if (u && urls.indexOf(u) < 0) urls.push(u);
    });
    for (var i = 0; i < urls.length; i += 50) {
      var part = urls.slice(i, i + 50);
      fetch(root + "/api/counts?" + part.map(function (u) { return "url=" + encodeURIComponent(u); }).join("&"),
        { credentials: "omit" })
        .then(function (r) { return r.ok ? r.json() : { counts: {} }; })
        .then(function (d) {
          els.forEach(function (el) {
            var n = d.counts[el.getAttribute("data-commentdesk-count-url")];
            var label = d.labels && d.labels[el.getAttribute("data-commentdesk-count-url")];
            if (typeof label === "string") el.textContent = label;
            else if (typeof n === "number") el.textContent = String(n);
          });
        })
        .catch(function () { /* counts are a nicety; the links still work */ });
    }
  }

  function start() {
    var els = document.querySelectorAll("#commentdesk, [data-commentdesk-embed]");
    els.forEach(function (el) { if (!el.querySelector("iframe.commentdesk-frame")) frameFor(el); });
    fillCounts();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
