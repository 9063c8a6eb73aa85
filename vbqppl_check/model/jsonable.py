"""Turn model dataclasses into JSON-ready structures (dates as ISO strings, tuples as lists)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any


def to_jsonable(obj: Any, *, drop_none: bool = False) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {}
        for f in dataclasses.fields(obj):
            if f.metadata.get("json") is False:
                continue
            value = to_jsonable(getattr(obj, f.name), drop_none=drop_none)
            if drop_none and value is None:
                continue
            out[f.name] = value
        return out
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v, drop_none=drop_none) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v, drop_none=drop_none) for k, v in obj.items()}
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, enum.Enum):
        return obj.value
    return obj
