"""The web application behind `vbqppl-check serve` (Starlette; run by uvicorn).

Routes
    GET  /                      the page (templates/index.html; static/app.js renders it)
    GET  /static/{name}         packaged CSS / JavaScript (a fixed list: nothing else is served)
    POST /api/check             multipart field `file` (one or many): exactly the JSON envelope that
                                `vbqppl-check --format json FILE...` writes for the same files
    POST /api/view              the same check, for the page: the envelope, each document's blocks,
                                what can be downloaded, and a token for the downloads
    GET  /api/rules             the catalogue (as `vbqppl-check rules --format json`)
    GET  /api/rule/{id}         one rule with the explanation `vbqppl-check rule ID` prints
    GET  /api/download/{token}/{n}/{kind}   kind: docx (annotated), fixed, xlsx, json

Safety: the CLI binds to 127.0.0.1 unless told otherwise; a request may carry at most
`max_files` files and `max_request_bytes` bytes (the batch limits: one file's size limit); each
request's files are written under a fresh temporary directory (named by the server: upload-N.ext,
never by the client's file name) that is removed when the check ends; unreadable, hostile and
encrypted files become per-file error records, like in a batch.
"""
from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import secrets
import shutil
import tempfile
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import quote

from .. import __version__
from ..config import Config
from ..limits import DEFAULT_LIMITS
from ..result import DocumentResult
from . import asset

# The uploads the page accepts; the extension only names the temporary file (readers go by content).
EXTENSIONS = (".docx", ".doc", ".pdf", ".txt", ".md", ".html", ".htm", ".zip")
STATIC = {"app.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
          "report.js": "text/javascript; charset=utf-8", "common.js": "text/javascript; charset=utf-8"}
MAX_FILES = 50          # files in one request
KEEP_BATCHES = 4        # recent checks kept in memory for the downloads


def _has_fix() -> bool:
    """The fixed-copy download is offered only when the fix command exists."""
    import importlib
    try:  # the subpackage (vbqppl_check.fix is also the name of the public function)
        mod = importlib.import_module("vbqppl_check.fix")
    except ImportError:
        return False
    return hasattr(mod, "fix_bytes")


def display_name(name: str | None, n: int) -> str:
    """The client's file name, for display only: its last path component, printable, bounded."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C")
    base = base.strip().lstrip(".")[:160]
    return base or f"file-{n}"


def upload_labels(files) -> list[str]:
    """The display names of a request's uploads, made distinct."""
    labels: list[str] = []
    for i, (name, _data) in enumerate(files, 1):
        label = display_name(name, i)
        while label in labels:  # two uploads with one name: keep both, distinguishable
            stem, dot, ext = label.rpartition(".")
            label = f"{stem or ext} ({i}){dot}{ext if stem else ''}"
        labels.append(label)
    return labels


def _suffix(name: str) -> str:
    low = name.lower()
    return next((ext for ext in EXTENSIONS if low.endswith(ext)), ".bin")


@dataclass
class Batch:
    results: list[DocumentResult]
    data: dict[str, bytes] = field(default_factory=dict)   # display path → the uploaded bytes (top-level files)
    lang: str = "vi"


class Checker:
    """Runs checks one request at a time in a temporary directory per request, in a worker process
    (jobs=1, the default: the batch's per-file timeout and memory limit apply, a crash kills only the
    worker) or in this process (jobs=0)."""

    def __init__(self, config: Config | None = None, tmp_root: str | os.PathLike | None = None, jobs: int = 1):
        self.config = config or Config()
        self.jobs = jobs
        self.tmp_root = str(tmp_root) if tmp_root else None
        self.lock = threading.Lock()
        self.batches: OrderedDict[str, Batch] = OrderedDict()

    def check(self, files: list[tuple[str | None, bytes]], lang: str) -> list[DocumentResult]:
        from ..batch import check_many
        config = self.config.with_overrides(lang=lang)
        labels = upload_labels(files)
        with self.lock:
            tmp = tempfile.mkdtemp(prefix="vbqppl-web-", dir=self.tmp_root)
            try:
                paths = []
                for i, ((name, data), label) in enumerate(zip(files, labels), 1):
                    p = os.path.join(tmp, f"upload-{i}{_suffix(label)}")
                    with open(p, "wb") as fh:
                        fh.write(data)
                    paths.append(p)
                rename = dict(zip(paths, labels))
                results = []
                # jobs=1: a worker process (forked from the warm forkserver, under a second after the
                # first request) so that the batch's per-file timeout, memory cap and crash isolation apply
                batch = check_many(paths, config, jobs=self.jobs, progress=False, keep_text=True)
                try:
                    for r in batch:
                        results.append(_relabel(r, rename))
                finally:
                    batch.close()
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        results.sort(key=lambda r: r.path or "")   # as the CLI orders its non-streaming outputs
        return results

    def keep(self, results: list[DocumentResult], files: list[tuple[str | None, bytes]], labels: list[str],
             lang: str) -> str:
        token = secrets.token_urlsafe(16)
        self.batches[token] = Batch(results, dict(zip(labels, (d for _, d in files))), lang)
        while len(self.batches) > KEEP_BATCHES:
            self.batches.popitem(last=False)
        return token


def _relabel(r: DocumentResult, rename: dict[str, str]) -> DocumentResult:
    path = r.path or ""
    for tmp_path, label in rename.items():
        if path == tmp_path or path.startswith(tmp_path + "!"):
            return dataclasses.replace(r, path=label + path[len(tmp_path):])
    return r


def envelope_text(results: list[DocumentResult], lang: str) -> str:
    """The bytes `--format json` writes (report/json_writer.py)."""
    from ..report import json_writer
    out = io.StringIO()
    json_writer.write(results, out, lang=lang)
    return out.getvalue()


def regime_why(r: DocumentResult, lang: str) -> str | None:
    """Why the document was judged by its regime: the regime's instrument, period and the date used."""
    if not r.regime:
        return None
    from ..law.regime import regime_by_id
    reg = regime_by_id(r.regime)
    kind = (r.metadata.kind if r.metadata else None) or (reg.kind if reg else None)
    kinds = {"vi": {"vbqppl": "văn bản quy phạm pháp luật", "hanh_chinh": "văn bản hành chính"},
             "en": {"vbqppl": "legal normative document", "hanh_chinh": "administrative document"}}[lang]
    src = {"vi": {"document": "ngày ghi trên văn bản", "as_of": "ngày kiểm tra (văn bản chưa ghi ngày)",
                  "approximate": "cuối tháng/năm ghi trên văn bản hoặc trong số ký hiệu (ngày ghi không hợp lệ)"},
           "en": {"document": "the date on the document", "as_of": "the checking date (the document has no date)",
                  "approximate": "the end of the month/year the document or its number gives (its date is invalid)"}}[lang]
    period = ""
    if reg:
        a = reg.start.isoformat() if reg.start else "…"
        b = reg.end.isoformat() if reg.end else "…"
        period = f"{reg.instrument} ({a} – {b})"
    if lang == "vi":
        return (f"Loại: {kinds.get(kind or '', kind or '?')}; ngày dùng để xét: {r.judged_on or '?'} "
                f"({src.get(r.date_source or '', r.date_source or '?')}); chế độ thể thức áp dụng vào ngày đó: "
                f"{period or r.regime}.")
    return (f"Kind: {kinds.get(kind or '', kind or '?')}; date judged on: {r.judged_on or '?'} "
            f"({src.get(r.date_source or '', r.date_source or '?')}); the formatting regime in force on that "
            f"date: {period or r.regime}.")


def create_app(config: Config | None = None, *, tmp_root: str | os.PathLike | None = None,
               max_files: int = MAX_FILES, max_request_bytes: int | None = None, lang: str = "vi", jobs: int = 1):
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.datastructures import UploadFile
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    checker = Checker(config, tmp_root, jobs)
    limit_bytes = max_request_bytes or (checker.config.limits.max_file_bytes or DEFAULT_LIMITS.max_file_bytes)
    has_fix = _has_fix()

    def _lang(request: Request) -> str:
        v = request.query_params.get("lang", lang)
        return v if v in ("vi", "en") else "vi"

    def _problem(status: int, code: str, vi: str, en: str) -> JSONResponse:
        return JSONResponse({"error": {"code": code, "message_vi": vi, "message_en": en}}, status_code=status)

    async def _uploads(request: Request):
        """(files, None) or (None, error response). Limits are checked before the body is read."""
        size = request.headers.get("content-length")
        if size is None or not size.isdigit():
            return None, _problem(411, "length_required", "Thiếu độ dài yêu cầu.", "Content-Length is required.")
        if int(size) > limit_bytes + 1024 * 1024:
            return None, _problem(413, "too_large", f"Tổng dung lượng tải lên vượt quá {limit_bytes // 2**20} MB.",
                                  f"The upload exceeds {limit_bytes // 2**20} MB.")
        try:
            form = await request.form(max_files=max_files, max_fields=max_files + 10)
        except Exception as exc:  # malformed multipart, too many parts
            return None, _problem(400, "bad_upload", f"Không đọc được dữ liệu tải lên: {exc}",
                                  f"The upload could not be read: {exc}")
        try:
            files = []
            for item in form.getlist("file"):
                if isinstance(item, UploadFile):
                    files.append((item.filename, await item.read()))
        finally:
            await form.close()
        if not files:
            return None, _problem(400, "no_file", "Chưa chọn tệp (trường `file`).", "No file (field `file`).")
        return files, None

    async def index(request: Request) -> Response:
        page = asset("templates/index.html").replace("{{version}}", __version__).replace(
            "{{lang}}", _lang(request)).replace("{{has_fix}}", "true" if has_fix else "false")
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            return Response("not found", status_code=404)
        return Response(asset(f"static/{name}"), media_type=STATIC[name])

    async def api_check(request: Request) -> Response:
        lg = _lang(request)
        files, err = await _uploads(request)
        if err:
            return err
        results = await run_in_threadpool(checker.check, files, lg)
        return Response(envelope_text(results, lg), media_type="application/json; charset=utf-8")

    async def api_view(request: Request) -> Response:
        lg = _lang(request)
        files, err = await _uploads(request)
        if err:
            return err
        results = await run_in_threadpool(checker.check, files, lg)
        env = json.loads(envelope_text(results, lg))
        labels = upload_labels(files)
        token = checker.keep(results, files, labels, lg)
        top = set(labels)
        extra = []
        for r in results:
            top_level = r.path in top
            extra.append({"blocks": list(r.block_texts or ()),
                          "annotate": r.status == "ok" and r.format == "docx" and top_level,
                          "fix": has_fix and r.status == "ok" and r.format == "docx" and top_level,
                          # both languages, so that the page can switch without checking again
                          "why": {k: regime_why(r, k) for k in ("vi", "en")},
                          "messages": {k: [f.message(k) for f in r.findings] for k in ("vi", "en")},
                          "error": {"vi": r.error_vi, "en": r.error_en}})
        return JSONResponse({"envelope": env, "token": token, "documents": extra, "has_fix": has_fix})

    async def api_rules(request: Request) -> Response:
        from ..commands.rules import rule_summary, select
        lg = _lang(request)
        return JSONResponse([rule_summary(r, lg) for r in select(None, None)])

    async def api_rule(request: Request) -> Response:
        from ..commands.rule import explain
        from ..commands.rules import rule_summary
        from ..engine import load_catalogue
        lg = _lang(request)
        rule = load_catalogue().get(request.path_params["rule_id"].strip().upper())
        if rule is None:
            return _problem(404, "no_rule", "Không có quy tắc này.", "No such rule.")
        return JSONResponse({**rule_summary(rule, lg), "explain": explain(rule, lg)})

    async def api_download(request: Request) -> Response:
        batch = checker.batches.get(request.path_params["token"])
        kind = request.path_params["kind"]
        if batch is None:
            return _problem(404, "expired", "Kết quả đã hết hạn; hãy kiểm tra lại.", "The result expired; check again.")
        lg = _lang(request)
        which = request.path_params["n"]
        if which == "all":
            results = batch.results
        elif which.isdigit() and int(which) < len(batch.results):
            results = [batch.results[int(which)]]
        else:
            return _problem(404, "no_document", "Không có văn bản này.", "No such document.")
        stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", results[0].path or "ket-qua") if len(results) == 1 else "ket-qua"
        if kind == "json":
            return _attachment(envelope_text(results, lg).encode("utf-8"), stem + ".json", "application/json")
        if kind == "xlsx":
            from ..report import xlsx
            buf = io.BytesIO()
            xlsx.write(results, buf, lang=lg)
            return _attachment(buf.getvalue(), stem + ".xlsx",
                               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        if kind in ("docx", "fixed"):
            r = results[0]
            data = batch.data.get(r.path or "")
            if len(results) != 1 or data is None or r.format != "docx" or r.status != "ok":
                return _problem(400, "not_docx", "Chỉ tệp .docx tải lên trực tiếp mới có bản này.",
                                "Only a .docx uploaded as such has this copy.")
            if kind == "docx":
                from ..report.docx_annotate import annotate
                buf = io.BytesIO()
                await run_in_threadpool(annotate, r, data, buf, lang=lg)
                return _attachment(buf.getvalue(), stem + ".checked.docx", DOCX_TYPE)
            if not has_fix:
                return _problem(404, "no_fix", "Chưa có chức năng sửa.", "Fixing is not available.")
            import importlib
            fixmod = importlib.import_module("vbqppl_check.fix")

            def _fix() -> bytes | None:
                with checker.lock:
                    return fixmod.fix_bytes(data, name=r.path, config=checker.config.with_overrides(lang=lg)).data

            try:
                fixed = await run_in_threadpool(_fix)
            except Exception as exc:  # the fix command refuses this file: say so, keep serving
                return _problem(422, "fix_failed", f"Không sửa được: {exc}", f"Could not fix: {exc}")
            return _attachment(fixed or data, stem + ".fixed.docx", DOCX_TYPE)
        return _problem(404, "no_kind", "Không có định dạng này.", "No such format.")

    routes = [Route("/", index), Route("/static/{name}", static),
              Route("/api/check", api_check, methods=["POST"]), Route("/api/view", api_view, methods=["POST"]),
              Route("/api/rules", api_rules), Route("/api/rule/{rule_id}", api_rule),
              Route("/api/download/{token}/{n}/{kind}", api_download)]
    app = Starlette(routes=routes)
    app.state.checker = checker
    return app


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment(data: bytes, filename: str, media_type: str):
    from starlette.responses import Response
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", unicodedata.normalize("NFKD", filename).encode(
        "ascii", "ignore").decode()) or "download"
    disp = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disp})


__all__ = ["create_app", "Checker", "display_name", "envelope_text", "EXTENSIONS", "MAX_FILES"]
