"""Text normalisation shared by all readers: NFC, keeping the raw text when it differed."""
from __future__ import annotations

import unicodedata


def nfc(text: str) -> tuple[str, str | None]:
    """Return (NFC text, raw text or None when nothing changed)."""
    norm = unicodedata.normalize("NFC", text)
    return norm, (text if norm != text else None)
