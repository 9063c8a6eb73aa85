"""The web page and the static HTML report in a real browser: Playwright for Python driving the
system Chromium (Debian package `chromium`; never `playwright install`). Skips, with the reason,
when Playwright or the browser is missing.

VBQPPL_SCREENSHOT_DIR=docs/img writes the screenshots used in docs/web.md.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from realdocs import real_file

CHROMIUM = next((p for p in (os.environ.get("VBQPPL_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                             shutil.which("chromium") or "") if p and os.path.exists(p)), None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ND30 = "nd30-2020-original-word/original/30_2020_ND_CP.docx"
SHOTS = os.environ.get("VBQPPL_SCREENSHOT_DIR")

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)")
if CHROMIUM is None:
    pytest.skip("no system Chromium (apt-get install chromium, or set VBQPPL_CHROMIUM)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from vbqppl_check.web.app import create_app
    root = tmp_path_factory.mktemp("web-tmp")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(tmp_root=root), host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", root
    srv.should_exit = True
    t.join(10)


def _shot(page, name: str, top: bool = True) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        if top:
            page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(Path(SHOTS) / name), full_page=False)


def test_upload_highlight_filter_click_download(browser, server, tmp_path):
    url, root = server
    page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    offline: list[str] = []
    page.on("request", lambda req: None if req.url.startswith(url) else offline.append(req.url))
    page.goto(url + "/")
    assert page.locator("header h1").inner_text() == "Kiểm tra văn bản"
    page.set_input_files("#file", str(real_file(ND30)))
    page.wait_for_selector("#status[data-done]", timeout=120_000)
    # the document as its blocks, findings highlighted in place, the side list grouped
    assert page.locator(".doc p.blk").count() > 50
    highlighted = page.locator(".doc mark[data-f], .doc p.blk[data-f]")
    assert highlighted.count() >= 1
    items = page.locator(".side .finding")
    n_all = items.count()
    assert n_all >= 2
    assert page.locator(".meta-panel").inner_text().count("30/2020/NĐ-CP") >= 1
    assert "nd34" in page.locator(".meta-panel").inner_text()
    # filter by severity, then by rule: the list and the highlights follow
    sev = page.locator(".side .finding").first.get_attribute("class").split()[1]
    page.select_option("select[data-filter=sev]", sev)
    assert 1 <= items.count() <= n_all
    assert all(sev in items.nth(i).get_attribute("class") for i in range(items.count()))
    rule = page.locator(".side .finding .rid").first.inner_text()
    page.select_option("select[data-filter=rule]", rule)
    assert all(items.nth(i).locator(".rid").inner_text() == rule for i in range(items.count()))
    page.select_option("select[data-filter=sev]", "")
    page.select_option("select[data-filter=rule]", "")
    assert items.count() == n_all
    # click → the detail, the rule's explanation and the place in the text
    with_block = page.locator(".side .finding").filter(has_text="đoạn").first
    with_block.click()
    detail = page.locator(".side .detail")
    assert "Căn cứ" in detail.inner_text()
    rid = with_block.locator(".rid").inner_text()
    page.wait_for_function("document.querySelector('pre.explain').textContent.length > 5")
    assert page.locator("pre.explain").inner_text().startswith(rid)
    assert page.locator(".doc .active").count() >= 1
    _shot(page, "web-serve.png")
    # English switch keeps the result
    page.click(".langsw button[data-lang=en]")
    assert page.locator("header h1").inner_text() == "Document checker"
    assert page.locator(".side .finding").count() == n_all
    if SHOTS:
        page.locator(".side .finding").first.click()
        _shot(page, "web-serve-en.png")
    page.click(".langsw button[data-lang=vi]")
    # the annotated DOCX
    with page.expect_download() as dl:
        page.click("#dl-docx")
    target = tmp_path / "annotated.docx"
    dl.value.save_as(target)
    import docx
    comments = list(docx.Document(str(target)).comments)
    assert len(comments) == n_all
    assert dl.value.suggested_filename.endswith(".checked.docx")
    assert offline == []            # nothing fetched outside the server
    assert list(root.iterdir()) == []
    page.close()


@pytest.fixture(scope="module")
def big_report(tmp_path_factory):
    """The static report of 6,000 documents: real results of the example drafts and the committed
    real fixtures (texts kept), repeated under distinct paths."""
    import dataclasses

    from vbqppl_check.batch import check_many
    from vbqppl_check.data import corpora_path
    from vbqppl_check.report import html
    from realdocs import FIXTURES
    real = sorted(check_many([str(corpora_path("examples")), str(FIXTURES)], jobs=0, keep_text=True,
                             progress=False), key=lambda r: r.path)
    assert sum(len(r.findings) for r in real) > 20
    big = [dataclasses.replace(real[k % len(real)], path=f"lo-{k // len(real):03d}/{Path(real[k % len(real)].path).name}")
           for k in range(6000)]
    out = tmp_path_factory.mktemp("report") / "report-6000.html"
    with open(out, "w", encoding="utf-8") as fh:
        html.write(big, fh, lang="vi")
    return out, big


def test_static_report_at_6000_documents_opens_sorts_and_filters_in_3s(browser, big_report):
    path, results = big_report
    assert path.stat().st_size <= 20 * 1024 * 1024
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    t0 = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_selector("#docs tbody tr.row")
    page.select_option("select[data-f=sev]", "error")
    with_errors = sum(1 for r in results if r.has_errors)
    page.wait_for_function(f"document.getElementById('shown').textContent.includes('/ {with_errors} ')")
    elapsed = time.perf_counter() - t0
    print(f"report of 6000 documents: {path.stat().st_size / 2**20:.1f} MiB, opened and filtered in {elapsed:.2f} s")
    assert elapsed <= 3.0, f"open + filter took {elapsed:.2f} s"
    assert errors == []
    assert page.locator("#docs tbody tr.row").count() == min(100, with_errors)
    # sort by number of findings, largest first
    page.click("th[data-sort=n]")
    first = int(page.locator("#docs tbody tr.row").first.locator("td.n").first.inner_text())
    assert first == max(len(r.findings) for r in results if r.has_errors)
    # a chart bar filters the table by its rule
    page.select_option("select[data-f=sev]", "")
    bar = page.locator("[data-chart=rule] g.barrow").first
    rule = bar.get_attribute("data-key")
    bar.click()
    n_rule = sum(1 for r in results if any(f.rule == rule for f in r.findings))
    page.wait_for_function(f"document.getElementById('shown').textContent.includes('/ {n_rule} ')")
    _shot(page, "report.png")
    # one click to a document's findings, highlighted in its text
    page.locator("#docs tbody tr.row").first.click()
    page.wait_for_selector("#viewer .side .finding")
    page.locator("#viewer .side .finding").filter(has_text=rule).first.click()
    assert rule in page.locator("#viewer .detail").inner_text()
    assert page.locator("#viewer pre.explain").inner_text().startswith(rule)
    assert page.locator("#viewer .doc [data-f]").count() >= 1
    _shot(page, "report-document.png", top=False)
    page.close()


def test_drop_many_files_with_a_broken_one(browser, server):
    url, root = server
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(url + "/?lang=en")
    assert page.locator("header h1").inner_text() == "Document checker"
    draft = ("ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 12/2026/QĐ-UBND\nQUYẾT ĐỊNH\nĐiều 1. Phạm vi điều chỉnh\n"
             "Quy chế này quy đinh về công tác văn thư.\n")
    # a real drop event carrying two files, as the browser makes it when files are dragged in
    page.evaluate("""([text]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], "du-thao.txt", {type: "text/plain"}));
        dt.items.add(new File([new Uint8Array([80, 75, 3, 4, 1, 2, 3])], "hong.docx"));
        const drop = document.getElementById("drop");
        drop.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
        drop.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""", [draft])
    page.wait_for_selector("#status[data-done]", timeout=120_000)
    tabs = page.locator("#tabs button")
    assert tabs.count() == 2
    assert "(!)" in tabs.filter(has_text="hong.docx").inner_text()
    tabs.filter(has_text="hong.docx").click()
    assert "Unreadable file" in page.locator(".meta-panel").inner_text()
    assert page.locator("#dl-docx").count() == 0          # nothing to annotate
    tabs.filter(has_text="du-thao.txt").click()
    assert page.locator(".side .finding").count() >= 1
    assert page.locator("#dl-docx").count() == 0          # a text file has no Word copy
    assert page.locator("#progress").get_attribute("class") == "progress"   # the indicator is gone
    assert list(root.iterdir()) == []
    page.close()
