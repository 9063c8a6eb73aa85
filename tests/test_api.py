"""The public API keeps its functions whatever is imported, in whatever order (issue 15).

Importing a subpackage named like a public function (vbqppl_check.parse, vbqppl_check.fix) used to
replace the function on the package. Each order is run in a fresh interpreter, because what matters is
which import comes first; the in-process test covers a process where everything is already imported.
"""
from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
import textwrap
import types

import pytest
from realdocs import real_file

import vbqppl_check

DOC = real_file("tvpl-2025-md/docs/020bddd030400bd2.md")   # QĐ 84/2025/QĐ-UBND (Hà Tĩnh)
DOCX = real_file("nd30-2020-original-word/original/30_2020_ND_CP.docx")

CALLS = {
    # HL only: loading every rule's data would cost seconds per interpreter; the import order is the point here
    "check": "r = v.check(DOC, v.Config(select=('HL',))); assert isinstance(r, v.DocumentResult) and r.status == 'ok'",
    "read": "s = v.read(DOC); assert isinstance(s, v.SourceDocument) and s.blocks",
    "parse": "d = v.parse(v.read(DOC)); assert isinstance(d, v.LegalDocument)",
    "parse_file": "d = v.parse_file(DOC); assert isinstance(d, v.LegalDocument)",
    "check_many": "rs = list(v.check_many([DOC], v.Config(select=('HL',)), jobs=0)); assert [r.status for r in rs] == ['ok']",
    "import_parse": "import vbqppl_check.parse",
    "from_parse": "from vbqppl_check.parse import parse, parse_file",
    "import_all": "import pkgutil, importlib\n"
                  "for m in pkgutil.walk_packages(v.__path__, 'vbqppl_check.'):\n"
                  "    if not m.name.endswith('__main__'):\n"
                  "        importlib.import_module(m.name)",
}
if importlib.util.find_spec("vbqppl_check.fix") is not None:
    CALLS["import_fix"] = "import vbqppl_check.fix"
if "fix" in vbqppl_check.__all__:
    CALLS["fix"] = ("import os, tempfile\n"
                    "out = os.path.join(tempfile.mkdtemp(), 'fixed.docx')\n"
                    f"fx = v.fix({str(DOCX)!r}, out, config=v.Config(select=('HL',)))\n"
                    "assert fx.output == out and os.path.isfile(out)")

ORDERS = [
    ("check", "parse", "read", "parse_file", "check_many"),          # the README's order
    ("import_parse", "parse", "check", "parse_file", "check_many", "read"),
    ("from_parse", "parse", "parse_file", "check", "read"),
    ("check_many", "parse_file", "parse", "check"),
    ("import_all", "parse", "check", "read", "parse_file", "check_many"),
    ("parse", "import_all", "parse", "check"),
]
if "import_fix" in CALLS:
    ORDERS.append(("import_fix", "parse", "check", "read", "parse_file", "check_many"))
if "fix" in CALLS:
    ORDERS.append(("fix", "import_fix", "fix", "parse", "check"))
    ORDERS.append(("import_parse", "check", "fix", "parse_file", "read"))


def _script(order) -> str:
    lines = ["import vbqppl_check as v", f"DOC = {str(DOC)!r}"]
    for step in order:
        lines.append(CALLS[step])
    # after every step the public names are still functions
    lines.append("import types\n"
                 "bad = [n for n in v.__all__ if n[0] != '_' and not isinstance(getattr(v, n), (type, types.FunctionType, str))]\n"
                 "assert not bad, bad")
    return "\n".join(lines)


@pytest.mark.parametrize("order", ORDERS, ids=["-".join(o) for o in ORDERS])
def test_public_functions_in_a_fresh_interpreter(order):
    proc = subprocess.run([sys.executable, "-c", _script(order)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, textwrap.shorten(proc.stderr, 3000)


def _public_functions() -> list[str]:
    return [n for n in vbqppl_check.__all__ if isinstance(getattr(vbqppl_check, n), types.FunctionType)]


def test_no_submodule_replaces_a_public_function():
    before = {n: getattr(vbqppl_check, n) for n in _public_functions()}
    assert {"check", "read", "parse", "parse_file", "check_many"} <= set(before)
    for m in pkgutil.walk_packages(vbqppl_check.__path__, "vbqppl_check."):
        if not m.name.endswith("__main__"):   # running the CLI is not an import
            importlib.import_module(m.name)
    assert {n: getattr(vbqppl_check, n) for n in before} == before
    # the subpackage itself is still importable by name
    assert isinstance(sys.modules["vbqppl_check.parse"], types.ModuleType)
    from vbqppl_check.parse import parse_file
    assert callable(parse_file)


def test_calls_in_several_orders_in_one_process(tmp_path):
    v = vbqppl_check
    for _ in range(2):
        doc = v.parse(v.read(DOC))
        assert isinstance(doc, v.LegalDocument)
        assert v.check(DOC).status == "ok"
        assert isinstance(v.parse_file(DOC), v.LegalDocument)
        assert [r.status for r in v.check_many([DOC], jobs=0)] == ["ok"]
        assert v.check(doc).status == "ok" and v.check(v.read(DOC)).status == "ok"
        importlib.import_module("vbqppl_check.parse")   # re-import: still the functions
    if "fix" in v.__all__:
        assert isinstance(v.fix, types.FunctionType)
        fx = v.fix(DOCX, tmp_path / "fixed.docx")
        assert (tmp_path / "fixed.docx").is_file() and fx.output == str(tmp_path / "fixed.docx")


def test_other_attributes_are_still_settable():
    """Only a submodule over a function is refused; monkeypatching a function still works."""
    original = vbqppl_check.parse
    try:
        vbqppl_check.parse = len
        assert vbqppl_check.parse is len
    finally:
        vbqppl_check.parse = original
    assert vbqppl_check.parse is original
