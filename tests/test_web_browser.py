"""The web page and the static HTML report in a real browser: Playwright for Python driving the
system Chromium (Debian package `chromium`; never `playwright install`). Skips, with the reason,
when Playwright or the browser is missing.

VBQPPL_SCREENSHOT_DIR=docs/img writes the screenshots used in docs/web.md.
"""
from __future__ import annotations

import io
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


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
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
