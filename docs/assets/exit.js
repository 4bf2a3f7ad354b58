/*
 * Quick exit: the "Leave this site" control and Shift pressed three times replace this
 * page with a neutral site (extra.quick_exit_url in mkdocs.yml) using location.replace,
 * so the Back button does not return here. Without JavaScript the control is an ordinary
 * link to the same site (Back would then return: the safety page says so).
 */
(function () {
  "use strict";
  document.documentElement.classList.add("kb-js"); // the Shift×3 hint shows only with JavaScript (kb.css)

  // The 404 page speaks every language: the one of the address comes first.
  var notFound = document.querySelector("[data-kb-404]");
  if (notFound) {
    var sections = Array.prototype.slice.call(notFound.querySelectorAll("[data-lang-root]"));
    var match = sections.filter(function (section) {
      var root = section.getAttribute("data-lang-root");
      return root && window.location.pathname.indexOf("/" + root) !== -1;
    })[0];
    if (match) notFound.insertBefore(match, notFound.firstChild);
  }
  var link = document.querySelector("[data-kb-exit]");
  if (!link) return;

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.style.visibility = "hidden"; // nothing stays on screen meanwhile
    document.title = "";
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);

  var presses = 0, last = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    if (event.repeat) return;
    var now = Date.now();
    presses = now - last < 1000 ? presses + 1 : 1;
    last = now;
    if (presses >= 3) leave();
  });
})();
