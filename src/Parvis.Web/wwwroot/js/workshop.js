// Workshop pages, progressive enhancement only: every page works without this file.
// 1. Timers count down to the end of the current time (the end time is printed beside them).
// 2. The wall asks for its board every few seconds and replaces it when the workshop changed
//    (the server answers 204 while the revision is the same); without JavaScript it reloads itself.
// 3. The wall takes the largest type size at which it shows whole, without scrolling: measured here on load, on each
//    new board and when the window changes size; without JavaScript the server's estimate (data-scale) stays.
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

  // Sizes go from 0, the largest, to data-scales - 1; on a phone no size applies and the wall scrolls.
  function fit() {
    var board = document.querySelector("[data-scales]");
    if (!board) { return; }
    var root = document.documentElement;
    var level = 0;
    var last = Number(board.getAttribute("data-scales")) - 1;
    board.setAttribute("data-scale", level);
    while (level < last && (root.scrollHeight > window.innerHeight || root.scrollWidth > window.innerWidth)) {
      board.setAttribute("data-scale", ++level);
    }
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
        fit();
        tick();
      }
    }).catch(function () { /* the network comes back; the next poll tries again */ });
  }

  tick();
  setInterval(tick, 1000);
  if (document.querySelector("[data-board]")) {
    fit();
    window.addEventListener("resize", fit);
    setInterval(poll, 3000);
  }
})();
