/* Staff screens, progressive enhancement only (every form works without it; CSP-safe: a static
   file, no inline code).
   1. The desk's count of missing ESF+ answers follows the clicks.
   2. A search box filters grouped checkboxes (the barrier picker) and hides empty groups. */
(function () {
  "use strict";

  function esfCounter(block) {
    var status = block.querySelector("[data-esf-status]");
    if (!status) return;
    var groups = Array.prototype.slice.call(block.querySelectorAll("fieldset.choices"));
    function update() {
      var missing = groups.filter(function (g) { return !g.querySelector("input:checked"); });
      status.textContent = "";
      if (!missing.length) {
        status.textContent = status.dataset.textNone;
        status.classList.remove("esf-status-missing");
        return;
      }
      status.classList.add("esf-status-missing");
      var text = missing.length === 1 ? status.dataset.textOne
        : status.dataset.textMany.replace("%(n)s", String(missing.length));
      status.appendChild(document.createTextNode(text + " "));
      missing.forEach(function (g, i) {
        var link = document.createElement("a");
        link.href = "#" + g.id;
        link.textContent = g.querySelector("legend").firstChild.textContent.trim();
        status.appendChild(link);
        status.appendChild(document.createTextNode(i < missing.length - 1 ? ", " : "."));
      });
    }
    block.addEventListener("change", update);
    update();
  }

  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function filterBox(input) {
    var root = document.getElementById(input.dataset.filter);
    if (!root) return;
    var count = document.getElementById(input.dataset.filterCount || "");
    input.closest("[hidden]") && input.closest("[hidden]").removeAttribute("hidden");
    function update() {
      var query = normalise(input.value.trim());
      var shown = 0;
      root.querySelectorAll("[data-filter-group]").forEach(function (group) {
        var groupName = normalise(group.dataset.filterGroup);
        var visible = 0;
        group.querySelectorAll("[data-filter-item]").forEach(function (item) {
          var match = !query || groupName.indexOf(query) !== -1
            || normalise(item.textContent).indexOf(query) !== -1
            || !!item.querySelector("input:checked");
          item.hidden = !match;
          if (match) visible += 1;
        });
        group.hidden = visible === 0;
        if (query && visible && group.tagName === "DETAILS") group.open = true;
        shown += visible;
      });
      if (count) count.textContent = count.dataset.template.replace("%(n)s", String(shown));
    }
    input.addEventListener("input", update);
  }

  function start() {
    document.querySelectorAll("[data-esf-block]").forEach(esfCounter);
    document.querySelectorAll("input[data-filter]").forEach(filterBox);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
