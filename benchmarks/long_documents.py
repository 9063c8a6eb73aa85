"""How checking time grows with a document's length (archives hold huge and hostile files).

    .venv/bin/python benchmarks/long_documents.py [--sizes 500,2000]

Each kind below is a plain-text document built at run time, in two sizes n and 4n: many căn cứ lines,
many articles citing each other, an amending text with many quoted items, many khoản, many điểm, a long
recipient list, one paragraph with many references, one very long paragraph. For each: the CPU time of
`check_path` at both sizes (after a warm-up) and their ratio. Linear work gives a ratio near 4 (the
size ratio); near 16 means the work is quadratic in the document's length.
"""
from __future__ import annotations

import argparse
import time

KINDS = {
    "căn cứ lines": lambda n: "QUYẾT ĐỊNH\n" + "\n".join(
        f"Căn cứ Luật Tổ chức chính quyền địa phương số {i}/2015/QH13 ngày 19 tháng 6 năm 2015;"
        for i in range(n)) + "\nQUYẾT ĐỊNH:\nĐiều 1. Nội dung.",
    "articles citing each other": lambda n: "QUYẾT ĐỊNH\n" + "\n".join(
        f"Điều {i}. Thực hiện theo Điều {max(1, i - 1)} và khoản 2 Điều {i + 1} của Quyết định này."
        for i in range(1, n)),
    "quoted amendments": lambda n: "QUYẾT ĐỊNH\nĐiều 1. Sửa đổi, bổ sung một số điều\n" + "\n".join(
        f"{i}. Sửa đổi khoản {i} Điều {i} như sau:\n“{i}. Nội dung mới của khoản {i}.”" for i in range(1, n)),
    "khoản": lambda n: "QUYẾT ĐỊNH\nĐiều 1. Quy định\n" + "\n".join(
        f"{i}. Khoản {i} theo điểm a khoản {max(1, i - 1)} Điều 1 và Nghị định số 30/2020/NĐ-CP."
        for i in range(1, n)),
    "điểm": lambda n: "QUYẾT ĐỊNH\nĐiều 1. Quy định\n1. Khoản một\n" + "\n".join(
        f"{chr(97 + i % 20)}) điểm thứ {i} của văn bản" for i in range(n)),
    "recipients": lambda n: "QUYẾT ĐỊNH\nĐiều 1. Nội dung.\nNơi nhận:\n" + "\n".join(
        f"- Sở ban ngành số {i};" for i in range(n)),
    "references in one paragraph": lambda n: "QUYẾT ĐỊNH\nĐiều 1. Theo " + ", ".join(
        f"điểm a khoản {i % 9 + 1} Điều {i % 50 + 1} Nghị định số {i}/2020/NĐ-CP" for i in range(n)) + ".",
    "one long paragraph": lambda n: "QUYẾT ĐỊNH\nĐiều 1. " + " ".join(
        "cơ quan nhà nước có thẩm quyền thực hiện nhiệm vụ" for _ in range(n)) + ".",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="500,2000", help="the two sizes n,4n (default 500,2000)")
    args = ap.parse_args()
    small, large = (int(x) for x in args.sizes.split(","))
    from vbqppl_check.checker import check_path
    check_path("QUYẾT ĐỊNH\nĐiều 1. Nội dung.".encode(), name="warm.txt")
    for name, make in KINDS.items():
        times = []
        for n in (small, large):
            data = make(n).encode()
            t = time.process_time()
            result = check_path(data, name=f"{n}.txt")
            times.append(time.process_time() - t)
        print(f"{name:28} {small:>6}: {times[0]:6.2f} s   {large:>6}: {times[1]:6.2f} s   "
              f"ratio {times[1] / max(times[0], 1e-3):5.1f}   {result.status}", flush=True)


if __name__ == "__main__":
    main()
