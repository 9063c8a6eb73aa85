/* vbqppl-check: what the web page (serve) and the static HTML report share: labels in both
   languages, escaping, the document view with findings highlighted in place, the findings list with
   its filters and detail, and inline-SVG bar charts. No library, no network. */
"use strict";
var VB = (function () {
  var T = {
    vi: {
      title: "Kiểm tra văn bản", reportTitle: "Báo cáo kết quả tự kiểm tra văn bản",
      drop: "Kéo thả tệp vào đây (DOCX, PDF, TXT/MD, HTML, ZIP) hoặc", choose: "chọn tệp",
      uploading: "Đang tải lên…", checking: "Đang kiểm tra…", done: "Xong", failed: "Lỗi",
      findings: "Phát hiện", noFindings: "Không có phát hiện.", category: "Nhóm", severity: "Mức độ",
      rule: "Quy tắc", all: "(tất cả)", search: "Tìm…", message: "Nội dung", expected: "Yêu cầu",
      found: "Thực tế", suggestion: "Đề xuất", provision: "Căn cứ", verification: "Kiểm chứng",
      location: "Vị trí", block: "đoạn", occurrences: "Số lần", explain: "Giải thích quy tắc",
      parserSaw: "Bộ đọc và phân tích thấy", type: "Loại", number: "Số, ký hiệu", date: "Ngày",
      issuer: "Cơ quan ban hành", signer: "Người ký", titleDoc: "Trích yếu", format: "Định dạng tệp",
      kind: "Loại văn bản", regime: "Chế độ thể thức", judgedOn: "Ngày dùng để xét", why: "Vì sao",
      pages: "Số trang", download: "Tải về", annotated: "DOCX có chú thích", fixed: "Bản đã sửa (DOCX)",
      xlsx: "XLSX", json: "JSON", unreadable: "Không đọc được tệp", docLevel: "Toàn văn bản",
      documents: "Văn bản", year: "Năm", title2: "Trích yếu", counts: "Số phát hiện",
      byCategory: "Theo nhóm", byRule: "Theo quy tắc (20 nhiều nhất)", byIssuer: "Theo cơ quan (15 nhiều nhất)",
      byYear: "Theo năm", shown: "đang hiện", of: "trên", prev: "Trước", next: "Sau", close: "Đóng",
      total: "Tổng số văn bản", checked: "Đã kiểm tra", withFindings: "Có phát hiện", withErrors: "Có lỗi",
      suppressed: "Phát hiện không báo", reason: "Lý do", alsoAt: "Cũng ở", status: "Trạng thái",
      clickHint: "Bấm vào một phát hiện để xem chi tiết và vị trí.", path: "Tệp", textOmitted:
      "Chỉ giữ các đoạn có phát hiện (báo cáo lớn).", sevNames: {error: "Lỗi", warning: "Cảnh báo", info: "Lưu ý"}
    },
    en: {
      title: "Document checker", reportTitle: "Document self-inspection report",
      drop: "Drop files here (DOCX, PDF, TXT/MD, HTML, ZIP) or", choose: "choose files",
      uploading: "Uploading…", checking: "Checking…", done: "Done", failed: "Failed",
      findings: "Findings", noFindings: "No findings.", category: "Category", severity: "Severity",
      rule: "Rule", all: "(all)", search: "Search…", message: "Message", expected: "Required",
      found: "Found", suggestion: "Suggestion", provision: "Provision", verification: "Verification",
      location: "Location", block: "paragraph", occurrences: "Occurrences", explain: "About the rule",
      parserSaw: "What the reader and parser saw", type: "Type", number: "Number", date: "Date",
      issuer: "Issuer", signer: "Signer", titleDoc: "Title", format: "File format",
      kind: "Kind", regime: "Formatting regime", judgedOn: "Date judged on", why: "Why",
      pages: "Pages", download: "Download", annotated: "Annotated DOCX", fixed: "Fixed copy (DOCX)",
      xlsx: "XLSX", json: "JSON", unreadable: "Unreadable file", docLevel: "Whole document",
      documents: "Documents", year: "Year", title2: "Title", counts: "Findings",
      byCategory: "By category", byRule: "By rule (top 20)", byIssuer: "By issuer (top 15)",
      byYear: "By year", shown: "shown", of: "of", prev: "Previous", next: "Next", close: "Close",
      total: "Documents", checked: "Checked", withFindings: "With findings", withErrors: "With errors",
      suppressed: "Findings not reported", reason: "Reason", alsoAt: "Also at", status: "Status",
      clickHint: "Click a finding to see its detail and place.", path: "File", textOmitted:
      "Only paragraphs with findings are kept (large report).", sevNames: {error: "Error", warning: "Warning", info: "Note"}
    }
  };
  var CATS = ["authority", "legal_basis", "format", "layout", "effect", "reference", "language"];
  var CAT = {
    vi: {authority: "Thẩm quyền", legal_basis: "Căn cứ ban hành", format: "Thể thức", layout: "Kỹ thuật trình bày",
         effect: "Hiệu lực", reference: "Viện dẫn", language: "Ngôn ngữ, chính tả"},
    en: {authority: "Authority", legal_basis: "Legal basis", format: "Format (thể thức)", layout: "Layout",
         effect: "Effect", reference: "References", language: "Language"}
  };
  var SEVS = ["error", "warning", "info"];
  var RANK = {error: 3, warning: 2, info: 1};

  function esc(v) {
    return (v === null || v === undefined ? "" : String(v)).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  /* Text with <mark>s for [start, end, severity, findingIndex]; overlapping ranges are cut into
     segments, each coloured by its worst finding and carrying all their indices. */
  function highlight(text, marks) {
    var cuts = [0, text.length];
    marks.forEach(function (m) {
      cuts.push(Math.max(0, Math.min(m[0], text.length)), Math.max(0, Math.min(m[1], text.length)));
    });
    cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var out = [];
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1], seg = text.slice(a, b);
      var cover = marks.filter(function (m) { return m[0] <= a && b <= m[1] && m[0] < m[1]; });
      if (!cover.length) { out.push(esc(seg)); continue; }
      var worst = cover.reduce(function (w, m) { return RANK[m[2]] > RANK[w[2]] ? m : w; });
      var ids = cover.map(function (m) { return m[3]; });
      out.push('<mark class="' + worst[2] + '" data-f="' + ids.join(" ") + '">' + esc(seg) + "</mark>");
    }
    return out.join("");
  }

  function locText(loc, t) {
    if (!loc) return "";
    var parts = [];
    if (loc.block !== null && loc.block !== undefined) parts.push(t.block + " " + (loc.block + 1));
    if (loc.page) parts.push("tr. " + loc.page);
    if (loc.path || loc.component) parts.push(loc.path || loc.component);
    return parts.join(", ");
  }

  /* A document viewer: `host` gets the metadata panel, the text with highlights and the findings
     side list. opts: {lang, doc (envelope document), blocks (array, or {index: text}), why,
     explain(ruleId, cb) optional, downloads: html string, omitted: bool} */
  function Viewer(host, opts) {
    this.host = host; this.o = opts; this.sel = null;
    this.filter = {cat: "", sev: "", rule: "", q: ""};
    this.render();
  }
  Viewer.prototype.visible = function (f) {
    var fl = this.filter;
    if (fl.cat && f.category !== fl.cat) return false;
    if (fl.sev && f.severity !== fl.sev) return false;
    if (fl.rule && f.rule !== fl.rule) return false;
    if (fl.q && (f.rule + " " + f.message).toLowerCase().indexOf(fl.q.toLowerCase()) < 0) return false;
    return true;
  };
  Viewer.prototype.render = function () {
    var o = this.o, t = T[o.lang], d = o.doc, self = this;
    var md = d.metadata || {};
    var rows = [[t.path, d.path], [t.format, d.format], [t.kind, md.kind], [t.type, md.type], [t.number, md.number],
                [t.date, md.date], [t.issuer, md.issuer], [t.titleDoc, md.title], [t.signer, md.signer],
                [t.regime, d.regime], [t.judgedOn, d.judged_on], [t.why, o.why]];
    var meta = '<div class="panel meta-panel"><h3 style="margin:.1em 0 .4em">' + esc(t.parserSaw) + "</h3>";
    if (d.status === "error") {
      meta += '<p class="err">' + esc(t.unreadable) + ": [" + esc(d.error && d.error.code) + "] " +
              esc(d.error && d.error.message) + "</p>";
    }
    meta += '<div class="kv">' + rows.filter(function (r) { return r[1]; }).map(function (r) {
      return '<div' + (r[0] === t.why || r[0] === t.titleDoc ? ' class="wide"' : "") + "><em>" + esc(r[0]) + "</em> " + esc(r[1]) + "</div>";
    }).join("") + "</div>" + (o.downloads ? '<div class="downloads" style="margin-top:.5em">' + o.downloads + "</div>" : "") + "</div>";
    var rules = {};
    (d.findings || []).forEach(function (f) { rules[f.rule] = 1; });
    function sel(name, values, labels) {
      return '<select data-filter="' + name + '" aria-label="' + esc(t[name === "cat" ? "category" : name === "sev" ? "severity" : "rule"]) +
        '"><option value="">' + esc((name === "cat" ? t.category : name === "sev" ? t.severity : t.rule) + ": " + t.all) + "</option>" +
        values.map(function (v) {
          return '<option value="' + esc(v) + '"' + (self.filter[name] === v ? " selected" : "") + ">" + esc(labels ? labels[v] : v) + "</option>";
        }).join("") + "</select>";
    }
    var filters = '<div class="filters">' + sel("cat", CATS.filter(function (c) {
        return (d.findings || []).some(function (f) { return f.category === c; }); }), CAT[o.lang]) +
      sel("sev", SEVS, t.sevNames) + sel("rule", Object.keys(rules).sort()) +
      '<input type="search" data-filter="q" placeholder="' + esc(t.search) + '" value="' + esc(this.filter.q) + '"></div>';
    this.host.innerHTML = meta + '<div class="layout"><div class="doc" tabindex="0"></div><div class="side panel">' +
      "<h3 style=\"margin:.1em 0 .4em\">" + esc(t.findings) + ' <span class="count muted"></span></h3>' + filters +
      '<div class="list"></div><div class="detail"></div></div></div>';
    this.host.querySelectorAll("[data-filter]").forEach(function (el) {
      el.addEventListener(el.tagName === "INPUT" ? "input" : "change", function () {
        self.filter[el.getAttribute("data-filter")] = el.value;
        self.update();
      });
    });
    this.host.querySelector(".doc").addEventListener("click", function (ev) {
      var m = ev.target.closest("mark[data-f], p.blk[data-f]");
      if (m) self.select(parseInt(m.getAttribute("data-f").split(" ")[0], 10), false);
    });
    this.update();
  };
  Viewer.prototype.update = function () {
    var o = this.o, t = T[o.lang], d = o.doc, self = this;
    var fs = d.findings || [];
    var vis = fs.map(function (f) { return self.visible(f); });
    var blocks = o.blocks || [];
    var byBlock = {}, whole = {};
    fs.forEach(function (f, i) {
      if (!vis[i]) return;
      (f.locations || [f.location]).forEach(function (loc) {
        if (!loc || loc.block === null || loc.block === undefined) return;
        if (loc.start !== null && loc.end !== null && loc.end > loc.start) {
          (byBlock[loc.block] = byBlock[loc.block] || []).push([loc.start, loc.end, f.severity, i]);
        } else {
          (whole[loc.block] = whole[loc.block] || []).push(i);
        }
      });
    });
    var keys = Array.isArray(blocks) ? blocks.map(function (_, i) { return i; }) :
      Object.keys(blocks).map(Number).sort(function (a, b) { return a - b; });
    var html = [];
    if (o.omitted) html.push('<p class="muted">' + esc(t.textOmitted) + "</p>");
    keys.forEach(function (i) {
      var text = blocks[i], w = whole[i] || [], cls = "blk", attr = "";
      if (w.length) {
        var worst = w.map(function (j) { return fs[j].severity; }).sort(function (a, b) { return RANK[b] - RANK[a]; })[0];
        cls += " flag-" + worst; attr = ' data-f="' + w.join(" ") + '" title="' + esc(w.map(function (j) { return fs[j].rule; }).join(", ")) + '"';
      }
      html.push('<p class="' + cls + '" id="b-' + i + '"' + attr + '><span class="bn">' + (i + 1) + "</span>" +
                highlight(text, byBlock[i] || []) + "</p>");
    });
    if (!keys.length) html.push('<p class="muted">' + esc(d.status === "error" ? t.unreadable : t.noFindings) + "</p>");
    this.host.querySelector(".doc").innerHTML = html.join("");
    // the side list, grouped by category then severity
    var n = vis.filter(Boolean).length;
    this.host.querySelector(".count").textContent = "(" + n + (n !== fs.length ? " / " + fs.length : "") + ")";
    var list = [];
    CATS.forEach(function (c) {
      SEVS.forEach(function (s) {
        var items = fs.map(function (f, i) { return [f, i]; }).filter(function (p) {
          return vis[p[1]] && p[0].category === c && p[0].severity === s; });
        if (!items.length) return;
        list.push('<div class="group"><h4>' + esc(CAT[o.lang][c] || c) + ' · <span class="sev ' + s + '">' +
                  esc(t.sevNames[s]) + "</span> " + items.length + "</h4>" + items.map(function (p) {
          var f = p[0];
          return '<div class="finding ' + f.severity + '" data-i="' + p[1] + '" tabindex="0"><span class="rid">' + esc(f.rule) +
                 "</span>" + esc(f.message) + (f.occurrences > 1 ? ' <span class="muted">×' + f.occurrences + "</span>" : "") +
                 '<div class="muted" style="font-size:.85em">' + esc(locText(f.location, t) || t.docLevel) + "</div></div>";
        }).join("") + "</div>");
      });
    });
    var listEl = this.host.querySelector(".list");
    listEl.innerHTML = list.join("") || '<p class="muted">' + esc(t.noFindings) + "</p>";
    listEl.querySelectorAll(".finding").forEach(function (el) {
      el.addEventListener("click", function () { self.select(parseInt(el.getAttribute("data-i"), 10), true); });
    });
    if (this.sel !== null && vis[this.sel]) this.select(this.sel, false); else {
      this.sel = null;
      this.host.querySelector(".detail").innerHTML = fs.length ? '<p class="muted">' + esc(t.clickHint) + "</p>" : "";
    }
  };
  Viewer.prototype.select = function (i, scroll) {
    var o = this.o, t = T[o.lang], f = o.doc.findings[i], host = this.host;
    this.sel = i;
    host.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
    host.querySelectorAll(".finding.on").forEach(function (el) { el.classList.remove("on"); });
    var item = host.querySelector('.finding[data-i="' + i + '"]');
    if (item) item.classList.add("on");
    var targets = [];
    host.querySelectorAll(".doc [data-f]").forEach(function (el) {
      if (el.getAttribute("data-f").split(" ").indexOf(String(i)) >= 0) { el.classList.add("active"); targets.push(el); }
    });
    var docEl = host.querySelector(".doc");
    if (scroll) {
      var target = targets[0] || (f.location && f.location.block !== null ? host.querySelector("#b-" + f.location.block) : null);
      if (target) {
        docEl.scrollTop += target.getBoundingClientRect().top - docEl.getBoundingClientRect().top - docEl.clientHeight / 3;
      } else {
        docEl.scrollTop = 0;
      }
    }
    var also = (f.locations || []).slice(1).map(function (l) { return locText(l, t); }).join("; ");
    var rows = [[t.rule, f.rule + " — " + (CAT[o.lang][f.category] || f.category)], [t.severity, t.sevNames[f.severity]],
                [t.message, f.message], [t.expected, f.expected], [t.found, f.found], [t.suggestion, f.suggestion],
                [t.provision, f.reference], [t.verification, f.verification], [t.location, locText(f.location, t) || t.docLevel],
                [t.alsoAt, also], [t.occurrences, f.occurrences > 1 ? f.occurrences : null]];
    var det = host.querySelector(".detail");
    det.innerHTML = '<hr><dl>' + rows.filter(function (r) { return r[1]; }).map(function (r) {
      return "<dt>" + esc(r[0]) + "</dt><dd>" + esc(r[1]) + "</dd>"; }).join("") + "</dl>" +
      '<details class="explain-box" open><summary>' + esc(t.explain) + ' (vbqppl-check rule ' + esc(f.rule) +
      ')</summary><pre class="explain">…</pre></details>';
    var pre = det.querySelector("pre.explain");
    if (o.explain) o.explain(f.rule, function (text) { pre.textContent = text || "—"; });
    else pre.textContent = "—";
  };

  /* A horizontal bar chart as inline SVG; pairs: [[label, value, key]], onClick(key) optional. */
  function barChart(pairs, opts) {
    opts = opts || {};
    var w = 420, rowH = 18, left = 150, max = Math.max.apply(null, pairs.map(function (p) { return p[1]; }).concat([1]));
    var h = pairs.length * rowH + 6;
    var out = ['<svg viewBox="0 0 ' + w + " " + h + '" role="img" xmlns="http://www.w3.org/2000/svg">'];
    pairs.forEach(function (p, i) {
      var y = i * rowH + 3, bw = Math.max(1, (w - left - 50) * p[1] / max);
      var label = String(p[0]); if (label.length > 26) label = label.slice(0, 25) + "…";
      out.push('<g class="barrow" data-key="' + esc(p[2] === undefined ? p[0] : p[2]) + '" style="cursor:pointer"><title>' + esc(p[0]) + ": " + p[1] +
               '</title><text x="' + (left - 4) + '" y="' + (y + 12) + '" text-anchor="end">' + esc(label) + "</text>" +
               '<rect class="bar" x="' + left + '" y="' + y + '" width="' + bw.toFixed(1) + '" height="' + (rowH - 5) + '"></rect>' +
               '<text x="' + (left + bw + 4).toFixed(1) + '" y="' + (y + 12) + '">' + p[1] + "</text></g>");
    });
    out.push("</svg>");
    return out.join("");
  }

  return {T: T, CAT: CAT, CATS: CATS, SEVS: SEVS, esc: esc, highlight: highlight, Viewer: Viewer, barChart: barChart};
})();
