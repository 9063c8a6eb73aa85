"""`vbqppl-check [check] PATH...`: check files, folders and .zip archives, in parallel.

Results stream to the output as they finish for the streaming formats (text, jsonl, csv); the
others are written once the batch ends — or when it is interrupted (Ctrl-C), with the documents
finished so far; with --store those are kept and the next run resumes where this one stopped.
"""
from __future__ import annotations

import sys

from ..batch import check_many
from ..errors import ConfigError
from ..report import WRITERS, writer_module
from .common import add_common, config_from_args, open_output

STREAMING = {"text", "jsonl", "csv"}
NEEDS_TEXT = {"html", "docx"}


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="tệp, thư mục hoặc tệp .zip / files, folders or .zip")
    p.add_argument("--format", "-f", default="text", choices=list(WRITERS),
                   help="định dạng kết quả / output format")
    p.add_argument("--output", "-o", default=None,
                   help="ghi kết quả vào tệp (với docx: thư mục) / write to a file (docx: a folder)")
    p.add_argument("--jobs", "-j", type=int, default=None,
                   help="số tiến trình song song (mặc định: số lõi CPU; 0: không song song) / worker processes")
    p.add_argument("--store", default=None, metavar="PATH",
                   help="kho kết quả SQLite: bỏ qua tệp không đổi, chạy tiếp khi bị dừng / results store")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="thời gian tối đa cho một tệp / per-file time limit")
    p.add_argument("--memory-mb", dest="memory_mb", type=int, default=None,
                   help="bộ nhớ thêm tối đa cho mỗi tiến trình, ngoài phần đã nạp (MB, mặc định 2048) / "
                        "per-worker address space beyond the warmed worker (MB, default 2048)")
    p.add_argument("--include", action="append", default=[], metavar="GLOB",
                   help="chỉ kiểm tra tệp khớp mẫu (có thể lặp lại) / only files matching")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="bỏ qua tệp khớp mẫu / skip files matching")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="địa chỉ Dask scheduler (tcp://host:8786) để chạy phân tán / run on a Dask cluster")
    p.add_argument("--retry-errors", dest="retry_errors", action="store_true",
                   help="kiểm tra lại các tệp lỗi đã lưu trong kho / re-check stored error records")
    p.add_argument("--no-progress", dest="progress", action="store_false", help="không hiện thanh tiến độ")
    p.add_argument("--baseline", default=None, metavar="FILE",
                   help="chỉ báo phát hiện chưa có trong tệp baseline (phát hiện đã chấp nhận) / "
                        "report only findings not in this baseline file")
    p.add_argument("--write-baseline", dest="write_baseline", default=None, metavar="FILE",
                   help="ghi các phát hiện hiện tại vào tệp baseline / write the current findings as a baseline")
    add_common(p)


def run(args) -> int:
    try:
        config = config_from_args(args, start=args.paths[0])
    except ConfigError as exc:
        print(exc.message(args.lang or "vi"), file=sys.stderr)
        return 2
    fmt = args.format
    module = writer_module(fmt)
    binary = getattr(module, "BINARY", False)
    if binary and not args.output and sys.stdout.isatty():
        print("Định dạng nhị phân cần --output / a binary format needs --output", file=sys.stderr)
        return 2
    baseline = None
    if args.baseline:
        from ..suppress import Baseline
        try:
            baseline = Baseline.load(args.baseline)
        except ConfigError as exc:
            print(exc.message(config.lang), file=sys.stderr)
            return 2
    if args.store:
        from ..errors import VbqpplError
        from ..store import Store
        try:
            Store(args.store, config).close()  # fail now, clearly, rather than inside the batch
        except VbqpplError as exc:
            print(exc.message(config.lang), file=sys.stderr)
            return 2
    batch = check_many(args.paths, config, jobs=args.jobs, store=args.store, timeout=args.timeout,
                       memory_mb=args.memory_mb, progress=bool(args.progress), scheduler=args.scheduler,
                       include=args.include, exclude=args.exclude, keep_text=fmt in NEEDS_TEXT,
                       retry_errors=args.retry_errors, baseline=baseline)
    flags = {"error": False, "findings": False}
    collected: list | None = [] if args.write_baseline else None

    def tap(results):
        for r in results:
            flags["error"] |= r.status == "error"
            flags["findings"] |= r.has_errors
            if collected is not None:
                collected.append(r)
            yield r

    interrupted = False
    options = {"output_dir": args.output} if fmt == "docx" else {}
    if baseline is not None:
        options["baseline"] = baseline
    out_path = None if fmt == "docx" else args.output
    if fmt in STREAMING:
        with open_output(out_path) as out:
            try:
                module.write(tap(batch), out, lang=config.lang)
            except KeyboardInterrupt:
                interrupted = True
    else:
        done = []
        try:
            done.extend(tap(batch))
        except KeyboardInterrupt:
            interrupted = True
        done.sort(key=lambda r: r.path or "")
        with open_output(out_path, binary=binary) as out:
            module.write(done, out, lang=config.lang, **options)
    batch.close()
    if collected is not None and not interrupted:
        from ..suppress import Baseline
        written = Baseline.from_results(collected)
        written.write(args.write_baseline)
        print(f"Đã ghi {len(written)} phát hiện vào baseline / wrote {len(written)} findings to the baseline: "
              f"{args.write_baseline}", file=sys.stderr)
    if interrupted:
        print(f"Đã dừng theo yêu cầu; giữ {batch.stats.done} kết quả đã xong. / Interrupted; "
              f"{batch.stats.done} finished results kept.", file=sys.stderr)
        return 130
    if flags["error"]:
        return 2
    return 1 if flags["findings"] else 0
