"""Safe inspection of a zip container before anything parses it (zip bombs, wrong content)."""
from __future__ import annotations

import io
import zipfile


def is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        # A truncated DOCX still starts with PK: let the DOCX reader report it as corrupt.
        return True
    return "word/document.xml" in names or "[Content_Types].xml" in names and any(
        n.startswith("word/") for n in names)
