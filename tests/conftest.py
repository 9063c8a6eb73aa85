"""Shared test fixtures.

Real documents: small committed copies in tests/fixtures/ (see SOURCES.md there) and the shared corpus
at ../shared/corpus or $VBQPPL_CORPUS (never copied). Tests that read the corpus take the ``corpus``
fixture (or carry the ``corpus`` marker): without the corpus they are skipped with one reason, counted in
the terminal summary; with VBQPPL_REQUIRE_CORPUS=1 (set by .ci/run) they fail instead.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from realdocs import CORPUS, HOW_TO_RUN, REQUIRE_CORPUS, SKIP_REASON, corpus_available, require_corpus

__all__ = ["CORPUS", "corpus"]


@pytest.fixture(scope="session")
def corpus() -> Path:
    return require_corpus()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "corpus: reads the shared corpus (../shared/corpus or $VBQPPL_CORPUS); "
                                       "skipped without it unless VBQPPL_REQUIRE_CORPUS=1")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # every test that takes the fixture (directly or through another fixture) carries the marker, so
    # `-m "not corpus"` / `-m corpus` select them
    for item in items:
        if "corpus" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("corpus"):
            item.add_marker(pytest.mark.corpus)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("corpus"):
        require_corpus()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if isinstance(r.longrepr, tuple) and SKIP_REASON in str(r.longrepr[2])]
    if skipped:
        terminalreporter.write_line(f"{len(skipped)} tests skipped: {SKIP_REASON} ({CORPUS} not found); "
                                    f"to run them, {HOW_TO_RUN}.", yellow=True, bold=True)
    elif REQUIRE_CORPUS and not corpus_available():
        terminalreporter.write_line(f"VBQPPL_REQUIRE_CORPUS is set and the corpus is missing at {CORPUS}: "
                                    "corpus tests failed.", red=True, bold=True)
