"""The real fa/ar page corpus (tests/data/real_faar) is well formed, and each of its checks can fail."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from realfaar import (
    FORMS,
    HTML_NAME,
    LICENCES,
    MIN_OUTLETS,
    MIN_PAGES,
    ROOT,
    check_corpus,
    html_file,
    missing_html,
    page_dirs,
    pages,
)


def _metas() -> dict[str, dict]:
    return {d.name: json.loads((d / "meta.json").read_text("utf-8")) for d in page_dirs()}


def _need_html() -> None:
    if missing_html():
        pytest.skip(f"the pages' HTML is not here (missing: {len(missing_html())}); see tests/data/real_faar/README.md")


def test_corpus_is_well_formed() -> None:
    assert check_corpus() == []


def test_counts_languages_and_outlets() -> None:
    metas = _metas()
    assert len(metas) >= MIN_PAGES
    assert {m["language"] for m in metas.values()} == {"fa", "ar"}
    assert len({m["outlet"] for m in metas.values()}) >= MIN_OUTLETS
    assert all(m["origin"]["licence"] in LICENCES for m in metas.values())


def test_pages_are_not_committed() -> None:
    """The pages are third-party material: only meta.json and the README are tracked."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "--", str(ROOT)], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    tracked = {Path(line).name for line in out.splitlines()}
    assert tracked and tracked <= {"README.md", "meta.json"}, tracked


def test_loader_types() -> None:
    _need_html()
    loaded = pages()
    assert [p.id for p in loaded] == [d.name for d in page_dirs()]
    assert pages(language="fa") and all(p.language == "fa" for p in pages(language="fa"))
    for p in loaded:
        assert isinstance(p.html, bytes) and isinstance(p.text, str)
        assert isinstance(p.gold.title, str) and p.gold.title
        assert isinstance(p.gold.authors, list) and all(isinstance(a, str) for a in p.gold.authors)
        assert p.gold.published is None or isinstance(p.gold.published, str)
        assert p.origin.licence in LICENCES and len(p.origin.commit) == 40
        assert p.origin.form in FORMS
        day = p.gold.published_day
        stamp = p.gold.published_datetime
        assert day is None or isinstance(day, dt.date)
        assert stamp is None or stamp.tzinfo is not None
        # every page is dated well before any listing day the tests are likely to use (issue 23)
        assert day is not None and day < dt.date(2026, 6, 1), p.id


def test_gold_reads_dates_as_stated() -> None:
    _need_html()
    by_id = {p.id: p for p in pages()}
    elbalad = by_id["ar-elbaladtv-01"].gold
    assert elbalad.published_day == dt.date(2020, 12, 25)  # the local day, not the UTC day
    assert elbalad.published_datetime == dt.datetime(2020, 12, 24, 23, 59, 50, tzinfo=dt.UTC)
    assert by_id["fa-aryanews-01"].gold.published_datetime is None  # a time without offset: the day alone
    assert by_id["fa-aryanews-01"].gold.published_day == dt.date(2020, 6, 22)
    assert "\u200c" in by_id["fa-varzesh3-02"].text  # ZWNJ kept in the Persian page (هاشمی‌نسب)
    assert all("\ufffd" not in p.text for p in by_id.values())


# -- each check can fail: break one thing in a copy of the corpus and the check names it ------------------------

PAGE = "fa-yjc-01"


def _edit_meta(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / PAGE / "meta.json"
        meta = json.loads(path.read_text("utf-8"))
        change(meta)
        path.write_text(json.dumps(meta, ensure_ascii=False), "utf-8")

    return apply


def _write_page(data: bytes, compress: bool = True) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        (root / PAGE / HTML_NAME).write_bytes(gzip.compress(data) if compress else data)

    return apply


def _duplicate(root: Path) -> None:
    shutil.copytree(root / PAGE, root / "fa-yjc-02")
    readme = root / "README.md"
    readme.write_text(readme.read_text("utf-8") + "\n| `fa-yjc-02` | dup |\n", "utf-8")


def _drop_pages(root: Path) -> None:
    for d in sorted(p for p in root.iterdir() if p.is_dir())[1:]:
        shutil.rmtree(d)


def _only_arabic(root: Path) -> None:
    for d in root.glob("fa-*"):
        shutil.rmtree(d)


def _other_upstream_bytes(root: Path) -> None:
    page = gzip.decompress((root / PAGE / HTML_NAME).read_bytes())
    _write_page(page.replace(b"</body>", b"<!-- edited --></body>"))(root)


META_BREAKS: dict[str, tuple[Callable[[Path], None], str]] = {
    "no licence": (_edit_meta(lambda m: m["origin"].pop("licence")), "origin must have"),
    "closed licence": (_edit_meta(lambda m: m["origin"].update(licence="proprietary")), "origin.licence"),
    "no repo": (_edit_meta(lambda m: m["origin"].update(repo="")), "origin.repo"),
    "short commit": (_edit_meta(lambda m: m["origin"].update(commit="b8952828")), "origin.commit"),
    "no sha256": (_edit_meta(lambda m: m["origin"].pop("sha256")), "origin must have"),
    "bad sha256": (_edit_meta(lambda m: m["origin"].update(sha256="xyz")), "origin.sha256"),
    "no path": (_edit_meta(lambda m: m["origin"].update(path="")), "origin.path"),
    "unknown form": (_edit_meta(lambda m: m["origin"].update(form="screenshot")), "origin.form"),
    "unknown key": (_edit_meta(lambda m: m.update(extra=1)), "meta keys"),
    "bad language": (_edit_meta(lambda m: m.update(language="en")), "language"),
    "prefix mismatch": (_edit_meta(lambda m: m.update(language="ar")), "id prefix"),
    "bad url": (_edit_meta(lambda m: m.update(url="yjc.ir/news/1")), "url"),
    "empty title": (_edit_meta(lambda m: m["gold"].update(title=" ")), "gold.title"),
    "published not a day": (_edit_meta(lambda m: m["gold"].update(published="2020-13-01")), "published"),
    "published no offset": (_edit_meta(lambda m: m["gold"].update(published="2020-05-10T18:59")), "no offset"),
    "published jalali": (_edit_meta(lambda m: m["gold"].update(published="۱۳۹۹/۰۲/۲۱")), "published"),
    "published a number": (_edit_meta(lambda m: m["gold"].update(published=20200510)), "published"),
    "authors a string": (_edit_meta(lambda m: m["gold"].update(authors="someone")), "gold.authors"),
    "no notes": (_edit_meta(lambda m: m["gold"].update(notes="")), "gold.notes"),
    "gold key missing": (_edit_meta(lambda m: m["gold"].pop("authors")), "gold keys"),
    "stray file": (lambda root: (root / PAGE / "notes.txt").write_text("x"), "not meta.json"),
    "bad id": (lambda root: (root / PAGE).rename(root / "fa_yjc"), "id is not"),
    "duplicate page": (_duplicate, "same url"),
    "too few pages": (_drop_pages, "fewer than"),
    "one language": (_only_arabic, "not both fa and ar"),
    "readme out of step": (lambda root: (root / "README.md").write_text("nothing\n"), "README table"),
    "no readme": (lambda root: (root / "README.md").unlink(), "README.md is missing"),
}
HTML_BREAKS: dict[str, tuple[Callable[[Path], None], str]] = {
    "title not on page": (_edit_meta(lambda m: m["gold"].update(title="عنوان ساختگی")), "title is not in the page"),
    "author not on page": (_edit_meta(lambda m: m["gold"].update(authors=["نام ساختگی"])), "not in the page"),
    "not gzip": (_write_page(b"<html>plain</html>", compress=False), "not gzip"),
    "edited page": (_other_upstream_bytes, "sha256"),
    "not utf-8": (_write_page("<html>خبر</html>".encode("cp1256")), "UTF-8"),
    "not arabic script": (_write_page(b"<html><head></head><body>" + b"news " * 500 + b"</body></html>"), "Arabic"),
    "a fragment": (_write_page("<div>خبر</div>".encode() * 400), "whole HTML document"),
    "html for some pages only": (lambda root: (root / PAGE / HTML_NAME).unlink(), "HTML found for some pages"),
}


def _copy(tmp_path: Path, with_html: bool) -> Path:
    root = tmp_path / "real_faar"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(HTML_NAME))
    if with_html:
        for d in page_dirs(root):
            shutil.copyfile(html_file(d.name), d / HTML_NAME)
    assert check_corpus(root, dirs=[root]) == []  # the copy is sound before it is broken
    return root


@pytest.mark.parametrize("name", sorted(META_BREAKS))
def test_each_metadata_check_can_fail(name: str, tmp_path: Path) -> None:
    root = _copy(tmp_path, with_html=False)
    brk, expected = META_BREAKS[name]
    brk(root)
    problems = check_corpus(root, dirs=[root])
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize("name", sorted(HTML_BREAKS))
def test_each_page_check_can_fail(name: str, tmp_path: Path) -> None:
    _need_html()
    root = _copy(tmp_path, with_html=True)
    brk, expected = HTML_BREAKS[name]
    brk(root)
    problems = check_corpus(root, dirs=[root])
    assert any(expected in p for p in problems), problems


def test_missing_corpus_is_reported(tmp_path: Path) -> None:
    assert check_corpus(tmp_path / "absent") != []
    assert pages(tmp_path / "absent") == []
