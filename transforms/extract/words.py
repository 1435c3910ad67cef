"""Words of a text as extraction compares them: tokens (transforms.normalize) of the lowercased text."""

from __future__ import annotations

from akhbar.transforms.normalize import tokens


def word_tokens(s: str | None) -> list[str]:
    """The lowercased text's tokens (none for None)."""
    return tokens(s.lower()) if s else []


def coverage(part: str | None, whole: str | None, ignore: str = "") -> float:
    """Share of ``whole``'s distinct tokens that ``part`` contains (a set, so a body that JSON-LD
    repeats twice is not mistaken for a longer one); tokens of ``ignore`` (text we removed on
    purpose) do not count as missing."""
    w = set(word_tokens(whole)) - set(word_tokens(ignore))
    if not w:
        return 1.0
    return len(w & set(word_tokens(part))) / len(w)


