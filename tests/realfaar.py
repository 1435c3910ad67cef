"""Real Persian and Arabic news pages with hand-made gold: a tiny loader for tests/data/real_faar.

The repository holds, per page, ``tests/data/real_faar/<id>/meta.json``: url, outlet, language, origin (the public
repository, path and commit the page comes from, its licence, and the sha256 of the page) and gold (title,
published, authors, read by hand). The pages themselves (``<id>/source.html.gz``) are third-party material and are
not committed: they are looked up, in this order, under ``$AKHBAR_REAL_FAAR``, ``../shared/real_faar`` (beside the
checkout) and ``tests/data/real_faar`` itself (where ``.gitignore``'s ``data/`` keeps a local copy out of git).

``pages()`` loads the pages whose HTML is found; ``missing_html()`` names the others; ``check_corpus()`` lists what
is wrong (empty when well formed) and is what tests/test_realfaar_corpus.py runs. See tests/data/real_faar/README.md.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import html as htmllib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "data" / "real_faar"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "real_faar"
HTML_NAME = "source.html.gz"

#: licences under which an upstream repository lets us redistribute its test data
LICENCES = frozenset({"MIT", "BSD-2-Clause", "BSD-3-Clause", "Apache-2.0", "CC0-1.0", "CC-BY-4.0"})
LANGUAGES = frozenset({"fa", "ar"})
#: how the upstream file relates to what the server sent: "served" (kept as fetched, as far as the upstream
#: project tells), "reserialised" (parsed and written out again), "rendered-dom" (a browser's DOM after scripts ran)
FORMS = frozenset({"served", "reserialised", "rendered-dom"})
#: the corpus must not shrink below what was collected (see README: public sources held 19 pages)
MIN_PAGES = 19
MIN_OUTLETS = 15
MAX_PAGE_BYTES = 2_000_000
MAX_CORPUS_BYTES = 10_000_000

META_KEYS = {"url", "outlet", "language", "origin", "gold"}
ORIGIN_KEYS = {"repo", "path", "commit", "licence", "sha256"}
ORIGIN_OPTIONAL = {"licence_note", "form"}
GOLD_KEYS = {"title", "published", "authors", "notes"}

_ID = re.compile(r"^(fa|ar)-[a-z0-9]+-\d{2}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")
_HEX = re.compile(r"^[0-9a-f]+$")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
_PERSIAN_LETTERS = re.compile(r"[\u067E\u0686\u0698\u06AF\u06A9\u06CC]")  # پ چ ژ گ ک ی


@dataclass
class Origin:
    repo: str
    path: str
    commit: str
    licence: str
    sha256: str
    licence_note: str = ""
    form: str = "served"


@dataclass
class Gold:
    title: str
    #: ISO 8601 with the offset the page states, or "YYYY-MM-DD" when the page states only a day, or None
    published: str | None
    authors: list[str]
    notes: str

    @property
    def published_datetime(self) -> dt.datetime | None:
        """The stated instant (timezone-aware), or None when the page states only a day or no date."""
        if self.published is None or _DAY.match(self.published):
            return None
        return dt.datetime.fromisoformat(self.published)

    @property
    def published_day(self) -> dt.date | None:
        """The day as the page states it (a timestamp's day in its own offset), or None."""
        if self.published is None:
            return None
        if _DAY.match(self.published):
            return dt.date.fromisoformat(self.published)
        return dt.datetime.fromisoformat(self.published).date()


@dataclass
class Page:
    id: str
    url: str
    outlet: str
    language: str
    html: bytes
    gold: Gold
    origin: Origin

    @property
    def text(self) -> str:
        return self.html.decode("utf-8")


def html_dirs(root: Path = ROOT) -> list[Path]:
    """Where the pages' HTML is looked for, first match wins."""
    env = os.environ.get("AKHBAR_REAL_FAAR")
    return [*([Path(env)] if env else []), SHARED, root]


def page_dirs(root: Path = ROOT) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def html_file(pid: str, root: Path = ROOT, dirs: list[Path] | None = None) -> Path | None:
    for d in html_dirs(root) if dirs is None else dirs:
        f = d / pid / HTML_NAME
        if f.is_file():
            return f
    return None


def missing_html(root: Path = ROOT, dirs: list[Path] | None = None) -> list[str]:
    """Ids whose meta.json is committed but whose HTML is found nowhere."""
    return [d.name for d in page_dirs(root) if html_file(d.name, root, dirs) is None]


def _meta(folder: Path) -> dict:
    return json.loads((folder / "meta.json").read_text(encoding="utf-8"))


def pages(root: Path = ROOT, language: str | None = None, dirs: list[Path] | None = None) -> list[Page]:
    """The pages whose HTML is found (sorted by id), optionally of one language; see missing_html()."""
    out = []
    for folder in page_dirs(root):
        f = html_file(folder.name, root, dirs)
        if f is None:
            continue
        meta = _meta(folder)
        g = meta["gold"]
        out.append(
            Page(
                id=folder.name,
                url=meta["url"],
                outlet=meta["outlet"],
                language=meta["language"],
                html=gzip.decompress(f.read_bytes()),
                gold=Gold(title=g["title"], published=g["published"], authors=list(g["authors"]), notes=g["notes"]),
                origin=Origin(**meta["origin"]),
            )
        )
    return [p for p in out if language is None or p.language == language]


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\xa0", " ")).strip()


def _check_published(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        return f"published is {type(value).__name__}, not a string or null"
    if _DAY.match(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return f"published {value!r} is not a real day"
        return None
    try:
        stamp = dt.datetime.fromisoformat(value)
    except ValueError:
        return f"published {value!r} is neither YYYY-MM-DD nor ISO 8601"
    if stamp.tzinfo is None:
        return f"published {value!r} has a time but no offset (give the day alone instead)"
    return None


def _check_meta(folder: Path) -> list[str]:
    pid = folder.name
    bad: list[str] = []
    names = {p.name for p in folder.iterdir()} - {HTML_NAME}
    if names != {"meta.json"}:
        return [f"{pid}: holds {sorted(names)}, not meta.json (and, locally, {HTML_NAME})"]
    if not _ID.match(pid):
        bad.append(f"{pid}: id is not <fa|ar>-<outlet>-<nn>")
    try:
        meta = _meta(folder)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return [*bad, f"{pid}: meta.json does not parse: {e}"]
    if not isinstance(meta, dict) or set(meta) != META_KEYS:
        return [*bad, f"{pid}: meta keys {sorted(meta) if isinstance(meta, dict) else meta!r} != {sorted(META_KEYS)}"]

    for key in ("url", "outlet"):
        if not isinstance(meta[key], str) or not meta[key].strip():
            bad.append(f"{pid}: {key} is empty or not a string")
    if isinstance(meta["url"], str) and not re.match(r"^https?://[^/\s]+/", meta["url"]):
        bad.append(f"{pid}: url {meta['url']!r} is not an http(s) URL")
    if meta["language"] not in LANGUAGES:
        bad.append(f"{pid}: language {meta['language']!r} is not fa or ar")
    elif not pid.startswith(meta["language"] + "-"):
        bad.append(f"{pid}: id prefix does not match language {meta['language']!r}")

    origin = meta["origin"]
    if not isinstance(origin, dict) or not ORIGIN_KEYS <= set(origin) <= ORIGIN_KEYS | ORIGIN_OPTIONAL:
        bad.append(f"{pid}: origin must have {sorted(ORIGIN_KEYS)} (and optionally {sorted(ORIGIN_OPTIONAL)})")
    elif not all(isinstance(v, str) for v in origin.values()):
        bad.append(f"{pid}: origin values must be strings")
    else:
        if not _REPO.match(origin["repo"]):
            bad.append(f"{pid}: origin.repo {origin['repo']!r} is not owner/name")
        if not origin["path"].strip() or origin["path"].startswith("/"):
            bad.append(f"{pid}: origin.path {origin['path']!r} is not a path inside the repository")
        if not (len(origin["commit"]) == 40 and _HEX.match(origin["commit"])):
            bad.append(f"{pid}: origin.commit {origin['commit']!r} is not a 40-hex commit")
        if not (len(origin["sha256"]) == 64 and _HEX.match(origin["sha256"])):
            bad.append(f"{pid}: origin.sha256 {origin['sha256']!r} is not a sha256")
        if origin["licence"] not in LICENCES:
            bad.append(f"{pid}: origin.licence {origin['licence']!r} is not one of {sorted(LICENCES)}")
        if origin.get("form", "served") not in FORMS:
            bad.append(f"{pid}: origin.form {origin['form']!r} is not one of {sorted(FORMS)}")

    gold = meta["gold"]
    if not isinstance(gold, dict) or set(gold) != GOLD_KEYS:
        return [*bad, f"{pid}: gold keys must be {sorted(GOLD_KEYS)}"]
    if not isinstance(gold["title"], str) or not gold["title"].strip():
        bad.append(f"{pid}: gold.title is empty or not a string")
    problem = _check_published(gold["published"])
    if problem:
        bad.append(f"{pid}: gold.{problem}")
    authors = gold["authors"]
    if not isinstance(authors, list) or not all(isinstance(a, str) and a.strip() for a in authors):
        bad.append(f"{pid}: gold.authors must be a list of non-empty strings")
    if not isinstance(gold["notes"], str) or not gold["notes"].strip():
        bad.append(f"{pid}: gold.notes is empty (say how each value was read)")
    return bad


def _check_html(pid: str, meta: dict, raw: bytes) -> list[str]:
    try:
        page = gzip.decompress(raw)
    except (OSError, EOFError) as e:
        return [f"{pid}: {HTML_NAME} is not gzip: {e}"]
    bad: list[str] = []
    if hashlib.sha256(page).hexdigest() != meta["origin"]["sha256"]:
        bad.append(f"{pid}: the page's sha256 is not origin.sha256 (not the upstream file)")
    if len(page) > MAX_PAGE_BYTES:
        bad.append(f"{pid}: page is {len(page)} bytes, over {MAX_PAGE_BYTES}")
    try:
        text = page.decode("utf-8")
    except UnicodeDecodeError as e:
        return [*bad, f"{pid}: page does not decode as UTF-8: {e}"]
    head = text[:5000].lower()
    if not any(tag in head for tag in ("<!doctype html", "<html", "<head")) or "</head>" not in text.lower():
        bad.append(f"{pid}: page does not look like a whole HTML document")
    if len(_ARABIC_SCRIPT.findall(text)) < 300:
        bad.append(f"{pid}: page holds little Arabic-script text")
    if meta["language"] == "fa" and len(_PERSIAN_LETTERS.findall(text)) < 50:
        bad.append(f"{pid}: a fa page without Persian letters")
    # the gold was copied from the page, so it must be found in it
    visible = _squash(htmllib.unescape(re.sub(r"<[^>]+>", " ", text)))
    if _squash(meta["gold"]["title"]) not in visible:
        bad.append(f"{pid}: gold.title is not in the page text")
    for a in meta["gold"]["authors"]:
        if _squash(a) not in visible:
            bad.append(f"{pid}: author {a!r} is not in the page text")
    return bad


def check_corpus(
    root: Path = ROOT, dirs: list[Path] | None = None, min_pages: int = MIN_PAGES, min_outlets: int = MIN_OUTLETS
) -> list[str]:
    """What is wrong with the corpus under root ([] when it is well formed).

    The metadata is always checked; each page's HTML is checked where it is found (html_dirs), and HTML found
    for some pages but not others is a problem. With no HTML anywhere only the metadata is checked.
    """
    if not root.is_dir():
        return [f"{root} is missing"]
    bad: list[str] = []
    stray = sorted(p.name for p in root.iterdir() if p.is_file() and p.name != "README.md")
    if stray:
        bad.append(f"stray files in {root}: {stray}")
    folders = page_dirs(root)
    for d in folders:
        bad += _check_meta(d)
    if bad:
        return bad
    metas = {d.name: _meta(d) for d in folders}

    if len(metas) < min_pages:
        bad.append(f"{len(metas)} pages, fewer than {min_pages}")
    langs = {m["language"] for m in metas.values()}
    if langs != set(LANGUAGES):
        bad.append(f"languages present: {sorted(langs)}, not both fa and ar")
    outlets = {m["outlet"] for m in metas.values()}
    if len(outlets) < min_outlets:
        bad.append(f"{len(outlets)} outlets, fewer than {min_outlets}")
    for what, key in (("url", lambda m: m["url"]), ("page", lambda m: m["origin"]["sha256"])):
        seen: dict[str, str] = {}
        for pid, m in metas.items():
            k = key(m)
            if k in seen:
                bad.append(f"{pid}: same {what} as {seen[k]}")
            seen.setdefault(k, pid)
    readme = root / "README.md"
    if not readme.is_file():
        bad.append("README.md is missing")
    else:
        listed = set(re.findall(r"^\|\s*`?((?:fa|ar)-[a-z0-9]+-\d{2})`?\s*\|", readme.read_text("utf-8"), re.M))
        if listed != set(metas):
            bad.append(f"README table lists {sorted(listed ^ set(metas))} differently from the folders")

    found = {pid: html_file(pid, root, dirs) for pid in metas}
    present = {pid: f for pid, f in found.items() if f is not None}
    if present and len(present) < len(found):
        bad.append(f"HTML found for some pages but not for {sorted(set(found) - set(present))}")
    size = 0
    for pid, f in present.items():
        raw = f.read_bytes()
        size += len(raw)
        bad += _check_html(pid, metas[pid], raw)
    if size > MAX_CORPUS_BYTES:
        bad.append(f"the pages take {size} bytes, over {MAX_CORPUS_BYTES}")
    return bad
