/* qararat report: correction filters, view modes, sortable tables. No framework, no network. */
(function () {
  "use strict";

  function applyFilter(section) {
    var minInput = section.querySelector("input.min-conf");
    var min = minInput ? parseFloat(minInput.value) : 0;
    var out = section.querySelector("output.min-conf-value");
    if (out) { out.textContent = min.toFixed(2); }
    var rules = {};
    section.querySelectorAll("input.rule-filter").forEach(function (box) {
      rules[box.value] = box.checked;
    });
    var status = {};
    section.querySelectorAll("input.status-filter").forEach(function (box) {
      status[box.value] = box.checked;
    });
    var shown = 0;
    var total = 0;
    section.querySelectorAll(".corr").forEach(function (el) {
      total += 1;
      var conf = parseFloat(el.getAttribute("data-confidence"));
      var rule = el.getAttribute("data-rule");
      var state = el.getAttribute("data-applied") === "1" ? "applied" : "suggested";
      var visible = rules[rule] !== false && status[state] !== false && !(conf < min);
      el.classList.toggle("off", !visible);
      el.setAttribute("tabindex", visible ? "0" : "-1");
      if (visible) { shown += 1; }
    });
    section.querySelectorAll("tr[data-rule]").forEach(function (row) {
      var conf = parseFloat(row.getAttribute("data-confidence"));
      var rule = row.getAttribute("data-rule");
      var state = row.getAttribute("data-applied") === "1" ? "applied" : "suggested";
      var visible = rules[rule] !== false && status[state] !== false && !(conf < min);
      row.classList.toggle("off", !visible);
    });
    var counter = section.querySelector(".shown-count");
    if (counter) { counter.textContent = shown + " / " + total; }
  }

  function setMode(section, mode) {
    var text = section.querySelector(".doc-text");
    if (!text) { return; }
    text.classList.remove("mode-both", "mode-original", "mode-corrected");
    text.classList.add("mode-" + mode);
  }

  function cellValue(row, index) {
    var cell = row.children[index];
    if (!cell) { return ""; }
    var raw = cell.getAttribute("data-sort");
    return raw !== null ? raw : cell.textContent.trim();
  }

  function sortTable(table, index, th) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var descending = th.getAttribute("aria-sort") !== "descending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var rows = Array.prototype.slice.call(body.rows);
    var numeric = rows.every(function (r) {
      var v = cellValue(r, index);
      return v === "" || !isNaN(parseFloat(v));
    });
    rows.sort(function (a, b) {
      var x = cellValue(a, index);
      var y = cellValue(b, index);
      var c;
      if (numeric) {
        c = (parseFloat(x) || 0) - (parseFloat(y) || 0);
      } else {
        c = x.localeCompare(y, "ar");
      }
      return descending ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function jumpTo(id) {
    var el = document.getElementById(id);
    if (!el) { return; }
    el.scrollIntoView({ block: "center" });
    el.focus({ preventScroll: true });
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
  }

  document.querySelectorAll("section.doc").forEach(function (section) {
    section.querySelectorAll("input.rule-filter, input.status-filter, input.min-conf")
      .forEach(function (input) {
        input.addEventListener("input", function () { applyFilter(section); });
        input.addEventListener("change", function () { applyFilter(section); });
      });
    section.querySelectorAll("input.view-mode").forEach(function (radio) {
      radio.addEventListener("change", function () {
        if (radio.checked) { setMode(section, radio.value); }
      });
    });
    section.querySelectorAll("a.jump").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        jumpTo(link.getAttribute("href").slice(1));
      });
    });
    applyFilter(section);
  });

  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th").forEach(function (th, index) {
      th.setAttribute("tabindex", "0");
      th.addEventListener("click", function () { sortTable(table, index, th); });
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sortTable(table, index, th);
        }
      });
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.activeElement &&
        document.activeElement.classList.contains("corr")) {
      document.activeElement.blur();
    }
  });

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.setAttribute("open", ""); });
  });
})();
