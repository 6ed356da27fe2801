// factlint report: filters by rule and severity, and the notes of a hovered mark.
// Reads and writes only attributes and text, never markup, so no draft text is ever parsed.
// The hover note of a mark (data-tip, shown by CSS) is built here from the notes below it.
(function () {
  "use strict";
  var RANK = { info: 1, warning: 2, error: 3 };
  var TIP_MESSAGES = 3;
  var form = document.getElementById("filters");
  var notes = Array.prototype.slice.call(document.querySelectorAll("li.note"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[data-f]"));
  var byNumber = new Map();
  notes.forEach(function (n) { byNumber.set(n.id.slice(1), n); });

  function tipOf(note) {
    var msg = note.querySelector(".msg");
    return note.getAttribute("data-sev") + " [" + note.getAttribute("data-rule") + "] " +
      (msg ? msg.textContent : "");
  }

  function checked(name) {
    var set = new Set();
    form.querySelectorAll("input[name='" + name + "']").forEach(function (box) {
      if (box.checked) { set.add(box.value); }
    });
    return set;
  }

  // Hide the notes filtered out; a mark keeps its colour only for the findings still shown.
  function apply() {
    var rules = checked("rule"), severities = checked("severity"), shown = 0;
    notes.forEach(function (n) {
      var on = rules.has(n.getAttribute("data-rule")) && severities.has(n.getAttribute("data-sev"));
      n.hidden = !on;
      if (on) { shown += 1; }
    });
    document.querySelectorAll("ul.notes").forEach(function (list) {
      list.hidden = !list.querySelector("li.note:not([hidden])");
    });
    marks.forEach(function (m) {
      var best = "", tips = [], extra = 0;
      m.getAttribute("data-f").split(" ").forEach(function (id) {
        var n = byNumber.get(id);
        if (!n || n.hidden) { return; }
        var sev = n.getAttribute("data-sev");
        if (!best || RANK[sev] > RANK[best]) { best = sev; }
        if (tips.length < TIP_MESSAGES) { tips.push(tipOf(n)); } else { extra += 1; }
      });
      if (extra) { tips.push("... and " + extra + " more below"); }
      m.classList.toggle("off", !best);
      if (best) {
        m.setAttribute("data-sev", best);
        m.setAttribute("data-tip", tips.join("\n"));
        m.tabIndex = 0;
      } else {
        m.removeAttribute("tabindex");
      }
    });
    var out = document.getElementById("shown-count");
    if (out) { out.textContent = shown + " of " + notes.length + " shown"; }
  }

  // The notes of the mark under the pointer (or focused) are highlighted below it.
  function highlight(event) {
    document.querySelectorAll("li.note.hl").forEach(function (n) { n.classList.remove("hl"); });
    var mark = event.target.closest && event.target.closest("mark[data-f]");
    if (!mark || mark.classList.contains("off")) { return; }
    mark.getAttribute("data-f").split(" ").forEach(function (id) {
      var n = byNumber.get(id);
      if (n) { n.classList.add("hl"); }
    });
  }

  // A link into a collapsed draft opens it first.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
    }
    if (el) { el.scrollIntoView(); }
  }

  if (form) {
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("click", function (event) {
      var all = event.target.getAttribute && event.target.getAttribute("data-all");
      if (all === null || all === undefined) { return; }
      form.querySelectorAll("input[name='rule']").forEach(function (box) { box.checked = all === "1"; });
      apply();
    });
    apply();
  }
  document.addEventListener("mouseover", highlight);
  document.addEventListener("focusin", highlight);
  window.addEventListener("hashchange", openTarget);
  if (location.hash) { openTarget(); }
})();
