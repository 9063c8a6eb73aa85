"""Word segmentation with underthesea, per paragraph, cached.

underthesea's word_tokenize runs at about 70–90 KB/s, so the checks call it only for the few
paragraphs where a rule needs word boundaries (a candidate correction to confirm), never for the
whole document. `use_token_normalize=False` keeps the text as written (its normaliser would move
tone marks and hide the very mistakes we report); `fixed_words` is never passed because it mutates
module state shared by every caller in the process.
"""
from __future__ import annotations

import functools


@functools.lru_cache(maxsize=4096)
def words(paragraph: str) -> tuple[str, ...]:
    """The words of one paragraph ("khen thưởng" is one word of two syllables)."""
    from underthesea import word_tokenize
    return tuple(word_tokenize(paragraph, use_token_normalize=False))


def is_one_word(paragraph: str, phrase: str) -> bool:
    """True when `phrase` (several syllables) comes out as a single word of `paragraph`."""
    target = phrase.lower()
    return any(w.lower() == target for w in words(paragraph))
