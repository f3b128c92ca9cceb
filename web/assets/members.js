// The members page's slider: moves the map, the member list and the
// chart's marker to a month at once, from the spells the page embeds
// (#members-data), and keeps the rest of the page in step: the map's and
// the list's captions, the map's labels for screen readers, the address
// (history.replaceState, so the view can be shared) and the links that
// carry it (the language switch, the downloads, the citation). Status
// rules mirror registry.statusAt: a status is certain when it holds on
// every day of the month for every reading of its bounds and neither is
// uncertain, possible when on some day; former counts only when nothing
// else is possible.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("members-data").textContent);
  var box = document.getElementById("slider-box"), slider = document.getElementById("slider");
  var out = document.getElementById("slider-out"), field = document.getElementById("at");
  var marker = document.getElementById("chart-at");
  var STATUSES = ["signatory", "member", "suspended", "participation-frozen", "observer", "partner", "former"];
  function day(y, m, d) { return Math.round(Date.UTC(y, m - 1, d) / 864e5); }
  function statusAt(spells, lo, hi) {
    var best = null, former = null;
    for (var i = 0; i < spells.length; i++) {
      var s = spells[i]; // [status, pFrom, cFrom, cTo, pTo, uncertain, since]
      if (!(s[1] <= hi && lo < s[4])) continue;
      if (!s[5] && s[2] <= lo && hi < s[3]) return { st: s[0], certain: true, since: s[6] };
      if (s[0] !== "former") best = { st: s[0], certain: false, since: s[6] };
      else former = { st: s[0], certain: false, since: s[6] };
    }
    return best || former;
  }
  function show(y, m) {
    var lo = day(y, m, 1), hi = day(y, m + 1, 1) - 1;
    var when = data.months[m - 1] + " " + y + data.yearSuffix;
    out.textContent = when;
    caption("map-title", data.captions.map, when);
    caption("map-caption", data.captions.map, when);
    caption("list-caption", data.captions.list, when);
    Object.keys(data.spells).forEach(function (code) {
      var a = statusAt(data.spells[code], lo, hi);
      document.querySelectorAll('#map [data-state="' + code + '"]').forEach(function (p) {
        STATUSES.forEach(function (s) { p.classList.remove("st-" + s); });
        p.classList.remove("possible", "land");
        if (a) { p.classList.add("st-" + a.st); if (!a.certain) p.classList.add("possible"); } else p.classList.add("land");
        var t = p.querySelector("title"), name = t.textContent.split(":")[0];
        t.textContent = a ? name + ": " + data.status[a.st] : name;
        if (p.parentNode.tagName.toLowerCase() === "a") p.parentNode.setAttribute("aria-label", t.textContent);
      });
      var row = document.querySelector('#member-list tr[data-state="' + code + '"]');
      if (!row) return;
      row.hidden = !a;
      if (!a) return;
      row.querySelector(".status .dot").setAttribute("class", "dot st-" + a.st);
      row.querySelector(".status .t").textContent = data.status[a.st];
      row.querySelector(".since").textContent = a.since;
      row.querySelector(".cert").textContent = data.certainty[a.certain ? "certain" : "possible"];
    });
    if (marker) {
      var c = data.chart, x = c.x0 + (c.x1 - c.x0) * ((lo + hi) / 2 - c.d0) / (c.d1 - c.d0);
      marker.setAttribute("x1", x.toFixed(1)); marker.setAttribute("x2", x.toFixed(1));
    }
  }
  function fromSlider() {
    var v = +slider.value, y = data.from + Math.floor(v / 12), m = v % 12 + 1;
    field.value = y + "-" + (m < 10 ? "0" : "") + m;
    show(y, m);
    share(field.value);
  }
  function caption(id, text, when) {
    var e = document.getElementById(id);
    if (e) e.textContent = text.replace("{date}", when);
  }
  // share puts the date in the address and in every link of the page
  // that carries the date: the language switch, the downloads and the
  // citation's address.
  function share(at) {
    var u = new URL(location.href); u.searchParams.set("at", at); history.replaceState(null, "", u);
    document.querySelectorAll("nav.langs a, .cite a[href*='format=']").forEach(function (a) {
      var h = new URL(a.href); h.searchParams.set("at", at); a.setAttribute("href", h.pathname + h.search);
    });
    var c = document.getElementById("cite-url");
    if (c) { var cu = new URL(c.textContent); cu.searchParams.set("at", at); c.textContent = cu.href; }
    var ca = document.getElementById("cite-at");
    if (ca) ca.textContent = out.textContent;
    ["cite-bib", "cite-csl"].forEach(function (id) {
      var e = document.getElementById(id);
      if (e && citedAt) e.textContent = e.textContent.split(citedAt).join(at);
    });
    citedAt = at;
  }
  var citedAt = (function () { var c = document.getElementById("cite-url"); return c ? new URL(c.textContent).searchParams.get("at") : null; })();
  function fromField() {
    // Arabic-Indic and Persian digits read as ASCII ones, as the server reads them.
    var v = field.value.trim().replace(/[\u0660-\u0669\u06f0-\u06f9]/g, function (c) { return String((c.charCodeAt(0) & 0xf)); });
    var r = /^(\d{4})(?:-(\d{2}))?(?:-\d{2})?$/.exec(v);
    if (!r) return;
    var y = +r[1], m = r[2] ? +r[2] : 1;
    if (m < 1 || m > 12) return;
    slider.value = Math.max(0, Math.min(+slider.max, (y - data.from) * 12 + m - 1));
    show(y, m);
    share(v);
  }
  box.hidden = false;
  slider.addEventListener("input", fromSlider);
  field.addEventListener("input", fromField);
})();
