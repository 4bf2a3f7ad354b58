/*
 * Quick exit: the "Leave this site" control and Shift pressed three times replace this
 * page with a neutral site (extra.quick_exit_url in mkdocs.yml) using location.replace,
 * so the Back button does not return here. Without JavaScript the control is an ordinary
 * link to the same site (Back would then return: the safety page says so).
 */
(function () {
  "use strict";
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
