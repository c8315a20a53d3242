/*
 * minutebook: the search index is fetched when the reader first reaches for search,
 * not with every page (issue 18, light pages).
 *
 * Material fetches search/search_index.json (hundreds of kilobytes, growing with the
 * records) on every page load over http. This holds that one request back until the
 * search box gets focus (a click or tap on it or on the search button, or the "/", "s"
 * and "f" keys, which focus it) and then sends it unchanged; Material shows
 * "Initializing search" meanwhile and runs the query typed so far once the index is in.
 * Loaded in the page's head (overrides/main.html), before Material's bundle. Other
 * requests are not touched.
 */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var forIndex = new WeakSet();
  var held = [];
  var wanted = false;

  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (release) { release(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    try {
      if (INDEX.test(new URL(String(url), document.baseURI).pathname)) forIndex.add(this);
    } catch (e) { /* not a URL we hold back */ }
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    var xhr = this;
    var args = arguments;
    if (wanted || !forIndex.has(xhr)) return send.apply(xhr, args);
    held.push(function () { send.apply(xhr, args); });
  };

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target instanceof Element && target.closest(".md-search")) want();
  });
  document.addEventListener("change", function (event) {
    if (event.target instanceof Element && event.target.id === "__search") want();
  });
})();
