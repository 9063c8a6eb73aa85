/* The page of `vbqppl-check serve`: upload → /api/view → documents with findings in place. */
"use strict";
(function () {
  var body = document.body;
  var state = {lang: body.getAttribute("data-lang") === "en" ? "en" : "vi", view: null, cur: 0, explain: {}};
  var $ = function (id) { return document.getElementById(id); };

  function labels() {
    var t = VB.T[state.lang];
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-t]").forEach(function (el) { el.textContent = t[el.getAttribute("data-t")]; });
    document.querySelectorAll(".langsw button").forEach(function (b) {
      b.classList.toggle("on", b.getAttribute("data-lang") === state.lang);
    });
  }

  function explain(rule, cb) {
    var key = state.lang + ":" + rule;
    if (state.explain[key]) return cb(state.explain[key]);
    fetch("/api/rule/" + encodeURIComponent(rule) + "?lang=" + state.lang).then(function (r) { return r.json(); })
      .then(function (j) { state.explain[key] = j.explain || ""; cb(state.explain[key]); })
      .catch(function () { cb(""); });
  }

  function docFor(i) {
    // the envelope's document with its messages in the current language
    var d = state.view.envelope.documents[i], x = state.view.documents[i], lang = state.lang;
    var copy = JSON.parse(JSON.stringify(d));
    (copy.findings || []).forEach(function (f, j) { f.message = x.messages[lang][j]; });
    if (copy.error) copy.error.message = x.error[lang];
    return copy;
  }

  function show(i) {
    state.cur = i;
    var t = VB.T[state.lang], v = state.view, x = v.documents[i];
    document.querySelectorAll("#tabs button").forEach(function (b, j) { b.classList.toggle("on", j === i); });
    var base = "/api/download/" + encodeURIComponent(v.token) + "/";
    var dl = '<b>' + VB.esc(t.download) + ":</b> ";
    if (x.annotate) dl += '<a class="btn" id="dl-docx" href="' + base + i + "/docx?lang=" + state.lang + '">' + VB.esc(t.annotated) + "</a>";
    if (x.fix) dl += '<a class="btn" id="dl-fixed" href="' + base + i + "/fixed?lang=" + state.lang + '">' + VB.esc(t.fixed) + "</a>";
    dl += '<a class="btn" id="dl-xlsx" href="' + base + i + '/xlsx?lang=' + state.lang + '">' + VB.esc(t.xlsx) + "</a>";
    dl += '<a class="btn" id="dl-json" href="' + base + i + '/json?lang=' + state.lang + '">' + VB.esc(t.json) + "</a>";
    if (v.documents.length > 1) {
      dl += ' <span class="muted">· ' + VB.esc(t.documents) + ':</span> <a class="btn" href="' + base + 'all/xlsx?lang=' + state.lang +
            '">XLSX</a><a class="btn" href="' + base + 'all/json?lang=' + state.lang + '">JSON</a>';
    }
    state.viewer = new VB.Viewer($("viewer"), {lang: state.lang, doc: docFor(i), blocks: x.blocks,
                                              why: x.why && x.why[state.lang], explain: explain, downloads: dl});
  }

  function doneStatus() {
    var tt = VB.T[state.lang], s = state.view.envelope.summary || {};
    $("status").textContent = tt.done + " — " + (s.documents || 0) + " " + tt.documents.toLowerCase() + ", " +
                              (s.findings || 0) + " " + tt.findings.toLowerCase();
  }

  function render() {
    labels();
    if (state.view && $("status").getAttribute("data-done")) doneStatus();
    var v = state.view;
    if (!v) return;
    $("batch").hidden = false;
    var tabs = v.envelope.documents.map(function (d, i) {
      var n = (d.findings || []).length;
      return '<button type="button" data-i="' + i + '">' + VB.esc(d.path) + " <span class=\"muted\">(" +
             (d.status === "error" ? "!" : n) + ")</span></button>";
    });
    $("tabs").innerHTML = tabs.length > 1 ? tabs.join("") : "";
    $("tabs").querySelectorAll("button").forEach(function (b) {
      b.addEventListener("click", function () { show(parseInt(b.getAttribute("data-i"), 10)); });
    });
    show(Math.min(state.cur, v.envelope.documents.length - 1));
  }

  function upload(files) {
    if (!files || !files.length) return;
    var t = VB.T[state.lang], fd = new FormData();
    Array.prototype.forEach.call(files, function (f) { fd.append("file", f, f.name); });
    var bar = $("progress"), status = $("status");
    bar.className = "progress on"; bar.firstElementChild.style.width = "0";
    status.textContent = t.uploading; status.removeAttribute("data-done");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/view?lang=" + state.lang);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) bar.firstElementChild.style.width = (100 * e.loaded / e.total).toFixed(0) + "%";
    };
    xhr.upload.onload = function () { bar.className = "progress on busy"; status.textContent = VB.T[state.lang].checking; };
    xhr.onload = function () {
      bar.className = "progress";
      var j = null;
      try { j = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status !== 200 || !j || !j.envelope) {
        var m = j && j.error ? (state.lang === "en" ? j.error.message_en : j.error.message_vi) : xhr.statusText;
        status.innerHTML = '<span class="err">' + VB.esc(VB.T[state.lang].failed + ": " + m) + "</span>";
        return;
      }
      state.view = j; state.cur = 0;
      doneStatus();
      status.setAttribute("data-done", "1");
      render();
    };
    xhr.onerror = function () { bar.className = "progress"; status.innerHTML = '<span class="err">' + VB.esc(t.failed) + "</span>"; };
    xhr.send(fd);
  }

  var drop = $("drop");
  ["dragenter", "dragover"].forEach(function (ev) {
    drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (ev) {
    drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) { upload(e.dataTransfer.files); });
  $("file").addEventListener("change", function () { upload(this.files); this.value = ""; });
  document.querySelector(".a-btn a").addEventListener("click", function () { $("file").click(); });
  document.querySelectorAll(".langsw button").forEach(function (b) {
    b.addEventListener("click", function () { state.lang = b.getAttribute("data-lang"); render(); labels(); });
  });
  labels();
})();
