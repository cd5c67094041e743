(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var current = -1;
  var position = document.getElementById("position");

  function marksOf(card) {
    return document.querySelectorAll('mark[data-f~="' + card.id + '"]');
  }
  function setCurrent(card, on) {
    card.classList.toggle("current", on);
    Array.prototype.forEach.call(marksOf(card), function (m) { m.classList.toggle("current", on); });
  }
  function go(i) {
    if (!cards.length) { return; }
    if (current >= 0) { setCurrent(cards[current], false); }
    current = (i + cards.length) % cards.length;
    var card = cards[current];
    setCurrent(card, true);
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "center" });
    if (position) { position.textContent = "Finding " + (current + 1) + " of " + cards.length + "."; }
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
    if (e.key === "j" || e.key === "n") { go(current + 1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { go(current < 0 ? cards.length - 1 : current - 1); e.preventDefault(); }
  });
  document.addEventListener("click", function (e) {
    var m = e.target.closest ? e.target.closest("mark[data-f]") : null;
    if (!m) { return; }
    var first = m.getAttribute("data-f").split(" ")[0];
    var i = cards.findIndex(function (c) { return c.id === first; });
    if (i >= 0) { go(i); }
  });
  document.body.setAttribute("data-nav-findings", String(cards.length));
})();
