"""Two captures of one article compared: which fields changed, how many paragraphs, and whether the page said so.

Pure: extracted fields in, a :class:`Comparison` out. Versions are judged on what extraction kept, after
``normalize_text`` and tokenisation (``transforms.normalize``): «ي»/«ی», ZWNJ, harakat, digits in Persian or
Arabic-Indic form and punctuation never make an edit. Short lines that are mostly numbers (a clock, a view counter,
«آخرین به‌روزرسانی: ۱۲:۳۴») and advertising labels are left out of the comparison: a changed widget is not an
edit. The thresholds are :data:`transforms.thresholds.REVISIONS`.

A *stealth edit* is a change of headline or body while the page's own ``dateModified`` did not move forward
(the same, or absent on both): the outlet changed the story without saying so.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from akhbar.transforms.normalize import normalize_text, tokens
from akhbar.transforms.thresholds import REVISIONS, RevisionThresholds

#: an advertising label or sponsored-content line: never writing, whatever it says around it
_AD_LINE = re.compile(r"^(advertisement|sponsored|تبلیغات|آگهی|اعلان|إعلان|محتوای حمایت شده|محتوى برعاية)\b",
                      re.IGNORECASE)


class ChangedField(StrEnum):
    """A field of an article that differs between two versions (stored in ``article_versions.changed_fields``)."""

    TITLE = "title"
    BODY = "body"
    AUTHORS = "authors"
    MODIFIED = "modified_at"  # the page's own dateModified moved forward


@dataclass(frozen=True, slots=True)
class Content:
    """What a version is compared on: the extracted fields as stored (``text`` one paragraph per line)."""

    title: str | None
    text: str | None
    authors: tuple[str, ...] = ()
    modified_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    changed: tuple[ChangedField, ...]
    paragraphs_added: int = 0
    paragraphs_removed: int = 0
    paragraphs_changed: int = 0
    #: headline or body changed while the page's dateModified did not move forward
    stealth: bool = False

    @property
    def edited(self) -> bool:
        """A new version: the headline, body or bylines changed (dateModified alone is not an edit)."""
        return any(f is not ChangedField.MODIFIED for f in self.changed)

    @property
    def summary(self) -> str:
        """One short English line, e.g. ``headline changed; body: 1 paragraph removed, 1 changed; stealth edit``."""
        parts = []
        if ChangedField.TITLE in self.changed:
            parts.append("headline changed")
        if ChangedField.BODY in self.changed:
            counts = [(self.paragraphs_added, "added"), (self.paragraphs_removed, "removed"),
                      (self.paragraphs_changed, "changed")]
            said = [f"{n} {what}" for n, what in counts if n]
            parts.append("paragraphs " + ", ".join(said))
        if ChangedField.AUTHORS in self.changed:
            parts.append("bylines changed")
        if self.stealth:
            parts.append("stealth edit (dateModified unchanged)")
        elif ChangedField.MODIFIED in self.changed:
            parts.append("dateModified moved" if self.edited else "only dateModified moved")
        return "; ".join(parts) or "unchanged"


def line_key(line: str) -> str:
    """A line as compared: its normalised words, space-joined (punctuation and spelling variants gone)."""
    return " ".join(tokens(normalize_text(line)))


def is_widget(key: str, th: RevisionThresholds = REVISIONS) -> bool:
    """Whether a line (its :func:`line_key`) is a clock, counter or ad label rather than writing."""
    words = key.split()
    if not words:
        return True
    if _AD_LINE.match(key):
        return True
    digits = sum(w.isdigit() for w in words)
    return len(words) <= th.widget_max_tokens and digits / len(words) >= th.widget_digit_share


def paragraph_keys(text: str | None, th: RevisionThresholds = REVISIONS) -> list[str]:
    """The body's paragraphs as compared, widgets and empty lines left out."""
    keys = (line_key(line) for line in (text or "").splitlines())
    return [k for k in keys if not is_widget(k, th)]


def _authors_key(authors: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted({line_key(a) for a in authors if line_key(a)}))


def version_hash(content: Content, th: RevisionThresholds = REVISIONS) -> str:
    """sha1 of exactly what :func:`compare` compares: two captures with one hash are one version."""
    parts = [line_key(content.title or ""), "\n".join(paragraph_keys(content.text, th)),
             "\n".join(_authors_key(content.authors))]
    return hashlib.sha1("\x00".join(parts).encode()).hexdigest()


def _count_paragraphs(old: list[str], new: list[str], th: RevisionThresholds) -> tuple[int, int, int]:
    """(added, removed, changed) between two lists of paragraph keys."""
    added = removed = changed = 0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "insert":
            added += j2 - j1
        elif op == "delete":
            removed += i2 - i1
        elif op == "replace":
            a, b = old[i1:i2], new[j1:j2]
            for x, y in zip(a, b, strict=False):  # in place: similar enough is one paragraph changed
                same = difflib.SequenceMatcher(None, x.split(), y.split(), autojunk=False).ratio()
                if same >= th.paragraph_same:
                    changed += 1
                else:
                    removed, added = removed + 1, added + 1
            removed += max(0, len(a) - len(b))
            added += max(0, len(b) - len(a))
    return added, removed, changed


def compare(old: Content, new: Content, th: RevisionThresholds = REVISIONS) -> Comparison:
    """What changed from ``old`` to ``new`` (see the module docstring)."""
    changed: list[ChangedField] = []
    if line_key(old.title or "") != line_key(new.title or ""):
        changed.append(ChangedField.TITLE)
    added, removed, n_changed = _count_paragraphs(paragraph_keys(old.text, th), paragraph_keys(new.text, th), th)
    if added or removed or n_changed:
        changed.append(ChangedField.BODY)
    if _authors_key(old.authors) != _authors_key(new.authors):
        changed.append(ChangedField.AUTHORS)
    moved = new.modified_at is not None and (old.modified_at is None or new.modified_at > old.modified_at)
    if moved:
        changed.append(ChangedField.MODIFIED)
    text_edit = ChangedField.TITLE in changed or ChangedField.BODY in changed
    return Comparison(tuple(changed), added, removed, n_changed, stealth=text_edit and not moved)
