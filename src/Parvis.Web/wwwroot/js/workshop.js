// Workshop pages, progressive enhancement only: every page works without this file.
// 1. Timers count down to the end of the current time (the end time is printed beside them).
// 2. The wall asks for its board every few seconds and replaces it when the workshop changed
//    (the server answers 204 while the revision is the same); without JavaScript it reloads itself.
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    document.querySelectorAll("[data-ends]").forEach(function (timer) {
      var left = Math.max(0, Math.round((Number(timer.getAttribute("data-ends")) - Date.now()) / 1000));
      timer.textContent = pad(Math.floor(left / 60)) + ":" + pad(left % 60);
      timer.classList.toggle("over", left === 0);
    });
  }

  function poll() {
    var board = document.querySelector("[data-board]");
    if (!board) { return; }
    var url = board.getAttribute("data-board") + "&revision=" + encodeURIComponent(board.getAttribute("data-revision"));
    fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (response.status !== 200) { return null; }
      return response.text();
    }).then(function (html) {
      if (html) {
        board.outerHTML = html;
        tick();
      }
    }).catch(function () { /* the network comes back; the next poll tries again */ });
  }

  tick();
  setInterval(tick, 1000);
  if (document.querySelector("[data-board]")) {
    setInterval(poll, 3000);
  }
})();
