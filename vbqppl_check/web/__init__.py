"""The officers' web page (`vbqppl-check serve`) and the assets the static HTML report shares with it.

    from vbqppl_check.web import create_app      # a Starlette application
    uvicorn.run(create_app(), host="127.0.0.1", port=8765)

Everything the page needs (HTML, CSS, JavaScript) is package data under web/static and
web/templates: nothing is fetched from the network.
"""
from __future__ import annotations

from importlib import resources


def asset(name: str) -> str:
    """The text of a packaged asset: "static/app.css", "templates/index.html"..."""
    return resources.files(__package__).joinpath(name).read_text("utf-8")


def create_app(*args, **kwargs):
    from .app import create_app as _create
    return _create(*args, **kwargs)


__all__ = ["asset", "create_app"]
