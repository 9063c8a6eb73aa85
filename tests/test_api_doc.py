"""docs/api.md: its examples run (doctest, from the repository root, on tests/fixtures files) and it lists
the whole public surface: every name of vbqppl_check.__all__ and every error class with its code."""
from __future__ import annotations

import doctest
import inspect
import re
from pathlib import Path

import vbqppl_check
from vbqppl_check import errors

ROOT = Path(__file__).resolve().parents[1]
API_MD = ROOT / "docs" / "api.md"


def _python_blocks(text: str) -> str:
    return "\n".join(m.group(1) for m in re.finditer(r"^```python\n(.*?)^```$", text, flags=re.S | re.M))


def test_examples_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    text = API_MD.read_text(encoding="utf-8")
    source = _python_blocks(text)
    test = doctest.DocTestParser().get_doctest(source, {}, "docs/api.md", str(API_MD), 0)
    assert len(test.examples) >= 20
    out: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    result = runner.run(test, out=out.append)
    assert result.failed == 0, "".join(out)


def test_every_public_name_is_documented():
    text = API_MD.read_text(encoding="utf-8")
    missing = [n for n in vbqppl_check.__all__ if not n.startswith("__") and f"`{n}" not in text]
    assert missing == []


def test_every_error_class_is_documented_with_its_code():
    text = API_MD.read_text(encoding="utf-8")
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass)
               if issubclass(c, errors.VbqpplError) and c.__module__ == errors.__name__]
    assert len(classes) >= 15
    missing = [c.__name__ for c in classes if f"| `{c.__name__}` | `{c.code}` |" not in text]
    assert missing == []
