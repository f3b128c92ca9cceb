// The address carries the page's language: a page reached without ?lang=
// (a link inside the site, a typed address) gets it added in place, so
// the address a reader copies or shares opens in the language it was read
// in. Nothing is loaded again.
(function () {
  "use strict";
  var u = new URL(location.href);
  if (u.searchParams.has("lang")) return;
  u.searchParams.set("lang", document.documentElement.lang);
  history.replaceState(history.state, "", u.pathname + u.search + u.hash);
})();
