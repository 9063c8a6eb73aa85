"""The report of a fix: the changes (path, rule, before → after), what was rolled back, what remains."""
from __future__ import annotations

import json

_L = {
    "vi": {"title": "Bản đã sửa", "changes": "Đã sửa", "none": "Không có gì để sửa.",
           "tracked": "mỗi thay đổi là một thay đổi theo dõi (Track Changes) của Word: xem và chấp nhận/từ chối "
                      "trong thẻ Review",
           "untracked": "các thay đổi đã được áp dụng trực tiếp (--no-track)",
           "rolled": "Đã hoàn tác (kiểm tra lại cho thấy chưa khắc phục được hoặc phát sinh lỗi mới)",
           "skipped": "Không áp dụng", "remaining": "Phát hiện còn lại (cần người soạn thảo xem xét)",
           "new": "Phát hiện mới trong bản sửa", "comments": "nhận xét Word đã ghi vào bản sửa",
           "style": "trên kiểu đoạn", "also": "cũng khắc phục"},
    "en": {"title": "Fixed copy", "changes": "Changed", "none": "Nothing to fix.",
           "tracked": "every change is a Word tracked change: review and accept/reject it in the Review tab",
           "untracked": "the changes were applied directly (--no-track)",
           "rolled": "Rolled back (the re-check showed the finding still there or a new finding)",
           "skipped": "Not applied", "remaining": "Remaining findings (for the drafter to review)",
           "new": "New findings in the copy", "comments": "Word comments written into the copy",
           "style": "on the paragraph style", "also": "also repairs"},
}


def _line(c, L) -> str:
    extra = []
    if c.also:
        extra.append(f"{L['also']} {', '.join(c.also)}")
    if c.style_level:
        extra.append(L["style"])
    tail = f" ({'; '.join(extra)})" if extra else ""
    return f"  {c.rule}  {c.path}: “{c.before}” → “{c.after}”{tail}"


def render_text(result, lang: str = "vi") -> str:
    L = _L["en" if lang == "en" else "vi"]
    out = []
    if result.output:
        out.append(f"{L['title']}: {result.output}")
        out.append("  " + (L["tracked"] if result.tracked else L["untracked"]))
    if result.changes:
        out.append(f"{L['changes']} ({len(result.changes)}):")
        out.extend(_line(c, L) for c in result.changes)
    else:
        out.append(L["none"])
    if result.rolled_back:
        out.append(f"{L['rolled']} ({len(result.rolled_back)}):")
        out.extend(_line(c, L) + f" — {c.reason}" for c in result.rolled_back)
    if result.skipped:
        out.append(f"{L['skipped']} ({len(result.skipped)}):")
        out.extend(_line(c, L) + f" — {c.reason}" for c in result.skipped)
    if result.new_findings:
        out.append(f"{L['new']} ({len(result.new_findings)}):")
        out.extend(f"  {f.rule}  {f.message(lang)}" for f in result.new_findings)
    if result.remaining:
        out.append(f"{L['remaining']} ({len(result.remaining)}):")
        for f in result.remaining:
            where = f.location.path or f.location.component or (
                f"đoạn {f.location.block + 1}" if f.location.block is not None else "")
            out.append(f"  {f.rule} [{f.severity}] {where}: {f.message(lang)}")
    if result.comments:
        out.append(f"{L['comments']}: {result.comments}")
    return "\n".join(out) + "\n"


def render_json(result, lang: str = "vi") -> str:
    return json.dumps(result.to_json(lang), ensure_ascii=False, indent=2) + "\n"
