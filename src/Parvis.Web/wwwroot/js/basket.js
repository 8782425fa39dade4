// A participatory budget's ballot, progressive enhancement only: without this file, "Check my basket" asks the server.
// The basket's total follows each box ticked, in the words the server writes it ([data-template], {0} the total,
// {1} the budget), and says in words ([data-over]) when it goes over the budget.
(function () {
  "use strict";

  function update(form) {
    var output = form.querySelector("[data-template]");
    var budget = Number(output.getAttribute("data-budget"));
    var total = 0;
    form.querySelectorAll("input[data-cost]:checked").forEach(function (box) { total += Number(box.getAttribute("data-cost")); });
    var number = new Intl.NumberFormat(document.documentElement.lang);
    var over = total > budget;
    output.textContent = output.getAttribute(over ? "data-over" : "data-template").replace("{0}", number.format(total)).replace("{1}", number.format(budget));
    output.classList.toggle("field-error", over);
  }

  document.querySelectorAll("form.ballot").forEach(function (form) {
    if (!form.querySelector("[data-template]")) { return; }
    form.addEventListener("change", function () { update(form); });
  });
})();
