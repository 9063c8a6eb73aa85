/* The static HTML report (report/html.py): the data is JSON in the page (#vb-data); this renders
   totals, charts, the documents table (sort, filter, pages of rows) and one document on demand. */
"use strict";
(function () {
  var D = JSON.parse(document.getElementById("vb-data").textContent);
  var SEVS = VB.SEVS, CATS = D.categories;
  var state = {lang: document.body.getAttribute("data-lang") === "en" ? "en" : "vi",
               f: {q: "", type: "", cat: "", sev: "", rule: "", issuer: "", year: "", status: ""},
               sort: {key: "path", dir: 1}, limit: 100, open: null};
  var collator = new Intl.Collator("vi", {numeric: true, sensitivity: "base"});
  // per document, computed once: counts by category and severity, year, text to search
  D.docs.forEach(function (d, i) {
    d._i = i; d._cat = CATS.map(function () { return 0; }); d._sev = [0, 0, 0]; d._rules = {};
    (d.F || []).forEach(function (f) { d._cat[f[2]]++; d._sev[f[1]]++; d._rules[f[0]] = 1; });
    d._n = (d.F || []).length;
    d._year = d.d ? d.d.slice(0, 4) : "";
    d._q = [d.p, d.n, d.t, d.i, d.ti, d.d].join(" ").toLowerCase();
  });
  var app = document.getElementById("app");
  // report/html.py TIERS: what was left out so that the file stays under 20 MB
  var REDUCED = {
    vi: ["", "Báo cáo lớn: chỉ giữ các đoạn văn bản có phát hiện.", "Báo cáo rất lớn: không giữ nội dung văn bản.",
         "Báo cáo rất lớn: không giữ nội dung văn bản và chi tiết yêu cầu/thực tế/đề xuất; xem XLSX hoặc JSON.",
         "Báo cáo rất lớn: thông báo được rút gọn; xem đầy đủ trong XLSX hoặc JSON."],
    en: ["", "Large report: only the paragraphs with findings are kept.", "Very large report: document texts are not kept.",
         "Very large report: no texts and no expected/found/suggestion details; see the XLSX or JSON output.",
         "Very large report: messages are shortened; the XLSX or JSON output has them in full."]
  };

  function t() { return VB.T[state.lang]; }
  function opts(values, cur, labelOf) {
    return values.map(function (v) {
      return '<option value="' + VB.esc(v) + '"' + (v === cur ? " selected" : "") + ">" + VB.esc(labelOf ? labelOf(v) : v) + "</option>";
    }).join("");
  }
  function uniq(fn) {
    var seen = {};
    D.docs.forEach(function (d) { [].concat(fn(d)).forEach(function (v) { if (v) seen[v] = (seen[v] || 0) + 1; }); });
    return seen;
  }
  var TYPES = Object.keys(uniq(function (d) { return d.t; })).sort(collator.compare);
  var ISSUERS = Object.keys(uniq(function (d) { return d.i; })).sort(collator.compare);
  var YEARS = Object.keys(uniq(function (d) { return d._year; })).sort();
  var RULES = Object.keys(uniq(function (d) { return Object.keys(d._rules); })).sort();

  function matches(d) {
    var f = state.f;
    if (f.q && d._q.indexOf(f.q.toLowerCase()) < 0) return false;
    if (f.type && d.t !== f.type) return false;
    if (f.issuer && d.i !== f.issuer) return false;
    if (f.year && d._year !== f.year) return false;
    if (f.cat && !d._cat[CATS.indexOf(f.cat)]) return false;
    if (f.sev && !d._sev[SEVS.indexOf(f.sev)]) return false;
    if (f.rule && !d._rules[f.rule]) return false;
    if (f.status === "findings" && !d._n) return false;
    if (f.status === "clean" && (d._n || d.st)) return false;
    if (f.status === "error" && !d.st) return false;
    return true;
  }
  var KEYS = {path: function (d) { return d.p || ""; }, number: function (d) { return d.n || ""; },
              date: function (d) { return d.d || ""; }, type: function (d) { return d.t || ""; },
              issuer: function (d) { return d.i || ""; }, title: function (d) { return d.ti || ""; },
              n: function (d) { return d._n; }};
  CATS.forEach(function (c, k) { KEYS["c" + k] = function (d) { return d._cat[k]; }; });
  SEVS.forEach(function (s, k) { KEYS["s" + k] = function (d) { return d._sev[k]; }; });

  function filtered() {
    var rows = D.docs.filter(matches), key = KEYS[state.sort.key], dir = state.sort.dir;
    var numeric = state.sort.key === "n" || /^[cs]\d$/.test(state.sort.key);
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      var c = numeric ? x - y : collator.compare(x, y);
      return c ? c * dir : a._i - b._i;
    });
    return rows;
  }

  function charts(rows) {
    var T = t(), byCat = CATS.map(function () { return 0; }), byRule = {}, byIssuer = {}, byYear = {};
    rows.forEach(function (d) {
      (d.F || []).forEach(function (f) { byCat[f[2]]++; byRule[f[0]] = (byRule[f[0]] || 0) + 1; });
      if (d._n) {
        byIssuer[d.i || "?"] = (byIssuer[d.i || "?"] || 0) + d._n;
        byYear[d._year || "?"] = (byYear[d._year || "?"] || 0) + d._n;
      }
    });
    function top(obj, n) {
      return Object.keys(obj).map(function (k) { return [k, obj[k], k]; })
        .sort(function (a, b) { return b[1] - a[1] || collator.compare(a[0], b[0]); }).slice(0, n);
    }
    var cat = CATS.map(function (c, k) { return [VB.CAT[state.lang][c] || c, byCat[k], c]; });
    var year = Object.keys(byYear).sort().map(function (y) { return [y, byYear[y], y]; });
    return '<div class="charts">' + [["cat", T.byCategory, cat], ["rule", T.byRule, top(byRule, 20)],
      ["issuer", T.byIssuer, top(byIssuer, 15)], ["year", T.byYear, year]].map(function (c) {
        return '<div class="panel chart" data-chart="' + c[0] + '"><h3>' + VB.esc(c[1]) + "</h3>" +
               (c[2].length ? VB.barChart(c[2]) : '<p class="muted">—</p>') + "</div>";
      }).join("") + "</div>";
  }

  function head() {
    var T = t();
    var cols = [["path", T.path], ["number", T.number], ["date", T.date], ["type", T.type], ["issuer", T.issuer],
                ["title", T.title2], ["n", T.counts]];
    CATS.forEach(function (c, k) { cols.push(["c" + k, VB.CAT[state.lang][c] || c]); });
    SEVS.forEach(function (s, k) { cols.push(["s" + k, T.sevNames[s]]); });
    return "<tr>" + cols.map(function (c) {
      var cls = state.sort.key === c[0] ? (state.sort.dir > 0 ? "sorted-asc" : "sorted-desc") : "";
      var num = c[0] === "n" || /^[cs]\d$/.test(c[0]);
      return '<th data-sort="' + c[0] + '" class="' + cls + (num ? " num" : "") + '" title="' + VB.esc(c[1]) + '">' + VB.esc(c[1]) + "</th>";
    }).join("") + "</tr>";
  }

  function rowHtml(d) {
    var cells = ['<td title="' + VB.esc(d.p) + '">' + VB.esc(short(d.p, 40)) + (d.st ? ' <span class="sev error">!</span>' : "") + "</td>",
                 "<td>" + VB.esc(d.n) + "</td>", "<td>" + VB.esc(d.d) + "</td>", "<td>" + VB.esc(d.t) + "</td>",
                 "<td>" + VB.esc(short(d.i, 40)) + "</td>", '<td title="' + VB.esc(d.ti) + '">' + VB.esc(short(d.ti, 70)) + "</td>",
                 '<td class="n">' + d._n + "</td>"];
    d._cat.forEach(function (v) { cells.push('<td class="n">' + (v || "") + "</td>"); });
    d._sev.forEach(function (v) { cells.push('<td class="n">' + (v || "") + "</td>"); });
    return '<tr class="row" data-i="' + d._i + '">' + cells.join("") + "</tr>";
  }
  function short(s, n) { s = s || ""; return s.length > n ? s.slice(0, n - 1) + "…" : s; }

  function render() {
    var T = t(), f = state.f;
    document.documentElement.lang = state.lang;
    document.querySelector("header.top h1").textContent = T.reportTitle;
    document.querySelectorAll(".langsw button").forEach(function (b) {
      b.classList.toggle("on", b.getAttribute("data-lang") === state.lang); });
    var rows = filtered();
    var all = D.docs, nf = 0;
    all.forEach(function (d) { nf += d._n; });
    var totals = [[T.total, all.length], [T.checked, all.filter(function (d) { return !d.st; }).length],
                  [T.withFindings, all.filter(function (d) { return d._n; }).length],
                  [T.withErrors, all.filter(function (d) { return d._sev[0]; }).length], [T.findings, nf]];
    var sel = function (name, label, values, labelOf) {
      return '<select data-f="' + name + '" aria-label="' + VB.esc(label) + '"><option value="">' + VB.esc(label + ": " + T.all) +
             "</option>" + opts(values, f[name], labelOf) + "</select>";
    };
    var statusLabels = {findings: T.withFindings, clean: T.noFindings, error: T.unreadable};
    var red = D.reduced ? REDUCED[state.lang][Math.min(D.reduced, 4)] : "";
    app.innerHTML = (red ? '<p class="panel muted" id="reduced">' + VB.esc(red) + "</p>" : "") + '<div class="totals panel">' + totals.map(function (x) {
        return "<div>" + VB.esc(x[0]) + "<b>" + x[1] + "</b></div>"; }).join("") + "</div>" +
      '<div id="charts"></div>' +
      '<div class="panel"><div class="filters">' +
      '<input type="search" data-f="q" placeholder="' + VB.esc(T.search) + '" value="' + VB.esc(f.q) + '">' +
      sel("type", T.type, TYPES) + sel("issuer", T.issuer, ISSUERS) + sel("year", T.year, YEARS) +
      sel("cat", T.category, CATS, function (c) { return VB.CAT[state.lang][c] || c; }) +
      sel("sev", T.severity, SEVS, function (s) { return T.sevNames[s]; }) + sel("rule", T.rule, RULES) +
      sel("status", T.status, ["findings", "clean", "error"], function (s) { return statusLabels[s]; }) +
      '</div><div class="pager"><span id="shown"></span></div><div class="tablewrap"><table class="grid" id="docs">' +
      "<thead>" + head() + '</thead><tbody></tbody></table></div><div class="pager"><button type="button" id="more">+100</button></div></div>' +
      '<div id="docview" class="docview"></div>';
    app.querySelectorAll("[data-f]").forEach(function (el) {
      el.addEventListener(el.tagName === "INPUT" ? "input" : "change", function () {
        state.f[el.getAttribute("data-f")] = el.value; state.limit = 100; update();
      });
    });
    app.querySelectorAll("th[data-sort]").forEach(function (th) {
      th.addEventListener("click", function () {
        var k = th.getAttribute("data-sort");
        state.sort = {key: k, dir: state.sort.key === k ? -state.sort.dir : (k === "n" || /^[cs]\d$/.test(k) ? -1 : 1)};
        app.querySelectorAll("th[data-sort]").forEach(function (h) {
          var key = h.getAttribute("data-sort");
          h.classList.remove("sorted-asc", "sorted-desc");
          if (state.sort.key === key) h.classList.add(state.sort.dir > 0 ? "sorted-asc" : "sorted-desc");
        });
        update();
      });
    });
    app.querySelector("tbody").addEventListener("click", function (ev) {
      var tr = ev.target.closest("tr.row");
      if (tr) openDoc(parseInt(tr.getAttribute("data-i"), 10));
    });
    document.getElementById("more").addEventListener("click", function () { state.limit += 100; update(); });
    update();
    if (state.open !== null) openDoc(state.open, true);
  }

  function update() {
    var T = t(), rows = filtered();
    document.getElementById("charts").innerHTML = charts(rows);
    document.querySelectorAll("#charts g.barrow").forEach(function (g) {
      g.addEventListener("click", function () {
        var kind = g.closest("[data-chart]").getAttribute("data-chart"), key = g.getAttribute("data-key");
        var name = {cat: "cat", rule: "rule", issuer: "issuer", year: "year"}[kind];
        state.f[name] = state.f[name] === key ? "" : key;
        var el = app.querySelector('[data-f="' + name + '"]');
        if (el) el.value = state.f[name];
        state.limit = 100; update();
      });
    });
    app.querySelector("#docs tbody").innerHTML = rows.slice(0, state.limit).map(rowHtml).join("");
    document.getElementById("shown").textContent = T.documents + ": " + Math.min(rows.length, state.limit) + " " +
      T.shown + " / " + rows.length + " (" + T.of + " " + D.docs.length + ")";
    document.getElementById("more").hidden = rows.length <= state.limit;
  }

  function expand(d) {
    // the compact row → the envelope's document shape the viewer takes
    var refs = D.refs;
    var findings = (d.F || []).map(function (f) {
      var locs = f[4].map(function (l) { return {block: l[0], start: l[1], end: l[2], page: l[3], path: l[4]}; });
      return {rule: f[0], severity: SEVS[f[1]], category: CATS[f[2]], message: f[3], location: locs[0], locations: locs,
              expected: f[5], found: f[6], suggestion: f[7], reference: refs[f[8]],
              verification: D.rules[f[0]] ? D.rules[f[0]].v : null, occurrences: f[9]};
    });
    return {path: d.p, status: d.st ? "error" : "ok", error: d.st ? {code: d.ec, message: d.em} : null, format: d.fm,
            metadata: {kind: d.k, type: d.t, number: d.n, date: d.d, issuer: d.i, title: d.ti, signer: d.sg},
            regime: d.rg, judged_on: d.jo, findings: findings};
  }

  function openDoc(i, quiet) {
    var d = D.docs[i], T = t();
    state.open = i;
    app.querySelectorAll("tr.row.on").forEach(function (tr) { tr.classList.remove("on"); });
    var host = document.getElementById("docview");
    host.innerHTML = '<div class="panel"><button type="button" id="closedoc">' + VB.esc(T.close) + "</button> <b>" +
                     VB.esc(d.p) + '</b></div><div id="viewer"></div>';
    var sup = "";
    if (d.S && d.S.length) {
      sup = "<details><summary>" + VB.esc(T.suppressed) + ": " + d.S.length + "</summary><ul>" + d.S.map(function (s) {
        return "<li><b>" + VB.esc(s[0]) + (s[3] > 1 ? " ×" + s[3] : "") + "</b> " + VB.esc(s[1]) + " — <i>" + VB.esc(T.reason) +
               ": " + VB.esc(s[2]) + "</i></li>"; }).join("") + "</ul></details>";
    }
    new VB.Viewer(document.getElementById("viewer"), {
      lang: state.lang, doc: expand(d), blocks: d.B || [], omitted: !!d.om, downloads: sup,
      explain: function (rule, cb) { cb(D.rules[rule] ? D.rules[rule].x : ""); }
    });
    document.getElementById("closedoc").addEventListener("click", function () { state.open = null; host.innerHTML = ""; });
    if (!quiet) host.scrollIntoView({block: "start"});
  }

  document.querySelectorAll(".langsw button").forEach(function (b) {
    b.addEventListener("click", function () { state.lang = b.getAttribute("data-lang"); render(); });
  });
  render();
})();
