// checker serve: drop files, post the form, swap the result in; findings scroll to their cells.
// Served as a file: the Content-Security-Policy allows no inline script.
"use strict";

(function () {
  const form = document.getElementById("check-form");
  if (!form) { wireResult(document); return; }
  const drop = document.getElementById("drop");
  const input = document.getElementById("file");
  const chosen = document.getElementById("chosen");
  const status = document.getElementById("status");

  function showChosen() {
    chosen.textContent = Array.from(input.files).map(function (f) { return f.name; }).join("，");
  }

  ["dragenter", "dragover"].forEach(function (type) {
    drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    drop.addEventListener(type, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    if (!e.dataTransfer || !e.dataTransfer.files.length) { return; }
    input.files = e.dataTransfer.files;
    showChosen();
    submit();
  });
  input.addEventListener("change", function () { showChosen(); if (input.files.length) { submit(); } });
  form.addEventListener("submit", function (e) { e.preventDefault(); submit(); });

  function submit() {
    status.textContent = status.dataset.busy;
    form.setAttribute("aria-busy", "true");
    const started = performance.now();
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (text) {
        const doc = new DOMParser().parseFromString(text, "text/html");
        const fresh = doc.getElementById("result");
        const old = document.getElementById("result");
        if (old) { old.remove(); }
        if (fresh) {
          const node = document.importNode(fresh, true);
          form.after(node);
          wireResult(node);
          node.dataset.ms = String(Math.round(performance.now() - started));
          document.getElementById("verdict").scrollIntoView({ block: "start" });
        }
        status.textContent = "";
        form.removeAttribute("aria-busy");
      })
      .catch(function (err) {
        status.textContent = String(err);
        form.removeAttribute("aria-busy");
      });
  }

  wireResult(document);
})();

function wireResult(root) {
  root.querySelectorAll("a.goto").forEach(function (a) {
    a.addEventListener("click", function (e) {
      const cell = document.getElementById(a.dataset.cell);
      if (!cell) { return; }
      e.preventDefault();
      document.querySelectorAll(".flash, li.current").forEach(function (c) {
        c.classList.remove("flash"); c.classList.remove("current");
      });
      a.closest("li").classList.add("current");
      cell.scrollIntoView({ block: "center", inline: "center" });
      cell.classList.add("flash");
      cell.focus({ preventScroll: true });
      history.replaceState(null, "", "#" + a.dataset.cell);
    });
  });
}
