"""Revisits on the test web: four nights after 2025-01-07, with edits, deletions, restorations and 304s; each event
seen in SQL, WARC revisit records readable by warcio, a re-run that replaces, never duplicates."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from services import wait_until
from warcio.archiveiterator import ArchiveIterator

from akhbar.outlets.registry import load_outlet_file
from akhbar.pipeline.revisit import RevisitStats, revisit_night
from akhbar.testweb import TestWeb
from akhbar.warehouse.duck import query
from akhbar.warehouse.lake import Lake

DAY = date(2025, 1, 7)
NIGHTS = [date(2025, 1, 8), date(2025, 1, 9), date(2025, 1, 10)]
SLUGS = ("fa-sepehr", "ar-mojaz", "fa-payam")
# fa-sepehr: answers 304 to conditional requests; ar-mojaz ignores them (and states no dateModified); fa-payam's
# pages print the day they are served in a header widget: every revisit gets a new payload and no new version
HEADLINE, FIGURE, DELETED_404, SOFT404 = "/news/2031542", "/news/2031533", "/news/2031536", "/news/2031548"
PARAGRAPH, HOME, ONE_OFF = "/ar/article/58421", "/ar/article/58422", "/ar/article/58420"
AKHBAR = str(Path(sys.executable).parent / "akhbar")
NEW_TITLE = "سازمان غذا و دارو: کمبود آنتی‌بیوتیک‌ها تا پایان ماه برطرف می‌شود"


@dataclass
class Revisited:
    data: Path
    outlets: Path
    web: TestWeb
    stats: dict[date, list[RevisitStats]]
    days_before: list[tuple] | None = None


def _night(r: Revisited, night: date) -> list[RevisitStats]:
    r.web.catalog.today = night  # the «today» widget of fa-payam's pages moves on
    lake = Lake(str(r.data / "lake"))
    return revisit_night(r.data, lake, r.outlets, [load_outlet_file(r.outlets / f"{s}.toml") for s in SLUGS], night,
                         {"RETRY_BACKOFF_BASE": "0.05", "RETRY_BACKOFF_MAX": "0.2", "DOWNLOAD_TIMEOUT": "5"})


@pytest.fixture(scope="module")
def revisited(tmp_path_factory) -> Revisited:
    from akhbar.pipeline import run_day

    data = tmp_path_factory.mktemp("revisit")
    with TestWeb(port=0) as web:
        outlets = web.write_outlet_configs(tmp_path_factory.mktemp("outlets"))
        for slug in SLUGS:  # revisit every night after the day (the default is +1, +3, +7, +30)
            with open(outlets / f"{slug}.toml", "a", encoding="utf-8") as fh:
                fh.write("\n[revisit]\nafter_days = [1, 2, 3]\n")
        results = run_day(DAY, data, list(SLUGS), folder=outlets,
                          overrides={"RETRY_BACKOFF_BASE": "0.05", "DOWNLOAD_TIMEOUT": "5"})
        assert all(r.ok for r in results), [r.error for r in results]
        web.conditional("fa-sepehr")
        r = Revisited(data, outlets, web, {})
        r.days_before = _days(r)
        # night 1: a headline with dateModified moved, a figure with it unchanged, a paragraph removed; three
        # deletions seen once, and a one-off 404
        web.revise("fa-sepehr", HEADLINE, title=NEW_TITLE,
                   modified_local=datetime(2025, 1, 8, 9, tzinfo=ZoneInfo("Asia/Tehran")))
        web.revise("fa-sepehr", FIGURE, figure=True)
        web.revise("ar-mojaz", PARAGRAPH, drop_paragraph=1)
        web.delete("fa-sepehr", DELETED_404, "404")
        web.delete("fa-sepehr", SOFT404, "soft404")
        web.delete("ar-mojaz", HOME, "home")
        web.delete("ar-mojaz", ONE_OFF, "410")
        r.stats[NIGHTS[0]] = _night(r, NIGHTS[0])
        # night 2: the deletions seen again (deleted), the one-off back
        web.restore("ar-mojaz", ONE_OFF)
        r.stats[NIGHTS[1]] = _night(r, NIGHTS[1])
        r.stats[NIGHTS[1]] = _night(r, NIGHTS[1])  # a re-run of the night replaces its rows
        # night 3: the 404 comes back
        web.restore("fa-sepehr", DELETED_404)
        r.stats[NIGHTS[2]] = _night(r, NIGHTS[2])
        yield r


def _sql(r: Revisited, sql: str) -> list[tuple]:
    return query(r.data, sql).fetchall()


def _days(r: Revisited) -> list[tuple]:
    return _sql(r, "select day, outlet, count(*), count(distinct article_id) from articles group by all order by all")


def _events(r: Revisited, path: str) -> list[tuple]:
    return _sql(r, "select v.version, v.state, v.events, v.revisit_day from article_versions v join articles a "
                   f"using (article_id) where a.url like '%{path}' order by v.version")


def test_each_night_revisits_every_article_without_failing(revisited: Revisited):
    for night, stats in revisited.stats.items():
        assert all(s.error is None for s in stats), stats
        assert sum(s.planned for s in stats) >= 14, night  # 2025-01-07 and the days its crawl handed articles to
        assert sum(s.outcomes.get("failed", 0) for s in stats) == 0, (night, stats)


def test_headline_change_with_date_modified_is_not_stealth(revisited: Revisited):
    assert _events(revisited, HEADLINE) == [(2, "live", ["headline_changed"], NIGHTS[0])]
    title, summary = _sql(revisited, "select title, change_summary from article_versions where url like "
                                     f"'%{HEADLINE}'")[0]
    assert title == NEW_TITLE and summary.startswith("headline changed")


def test_figure_changed_with_date_modified_unchanged_is_a_stealth_edit(revisited: Revisited):
    assert _events(revisited, FIGURE) == [(2, "live", ["body_changed", "stealth_edit"], NIGHTS[0])]
    assert _sql(revisited, f"select paragraphs_changed from article_versions where url like '%{FIGURE}'") == [(1,)]


def test_removed_paragraph_counted(revisited: Revisited):
    assert _events(revisited, PARAGRAPH)[0][2] == ["body_changed", "stealth_edit"]  # ar-mojaz states no dateModified
    assert _sql(revisited, "select paragraphs_removed, paragraphs_added from article_versions "
                           f"where url like '%{PARAGRAPH}'") == [(1, 0)]


def test_deleted_after_two_revisits_in_a_row_and_restored(revisited: Revisited):
    assert _events(revisited, DELETED_404) == [(2, "gone", ["deleted"], NIGHTS[1]),
                                                (3, "live", ["restored"], NIGHTS[2])]
    assert _events(revisited, SOFT404) == [(2, "gone", ["deleted"], NIGHTS[1])]
    assert _events(revisited, HOME) == [(2, "gone", ["deleted"], NIGHTS[1])]
    assert _events(revisited, ONE_OFF) == []  # gone once, then back: no deletion
    why = _sql(revisited, f"select change_summary from article_versions where url like '%{HOME}'")[0][0]
    assert "redirected to" in why and "2 revisits in a row" in why


def test_articles_count_versions_and_the_last_change(revisited: Revisited):
    got = dict(_sql(revisited, "select url, versions from articles where day = '2025-01-07'"))
    assert {u.rsplit("/", 1)[-1]: n for u, n in got.items() if n != 1} == {
        "2031542": 2, "2031533": 2, "2031536": 3, "2031548": 2, "58421": 2, "58422": 2}
    assert _sql(revisited, "select count(*) from articles where versions > 1 and last_change_at is null") == [(0,)]


def test_a_rerun_replaces_never_duplicates(revisited: Revisited):
    planned = sum(s.planned for stats in revisited.stats.values() for s in stats)
    assert _sql(revisited, "select count(*), count(distinct (article_id, revisit_day)) from article_revisits") == \
        [(planned, planned)]
    assert _sql(revisited, "select count(*), count(distinct (article_id, version)) from article_versions") == \
        [(7, 7)]


def test_304s_and_identical_payloads_are_warc_revisit_records(revisited: Revisited):
    rows = _sql(revisited, "select outlet, http_status, outcome, record_type, conditional, warc_file, warc_offset "
                           "from article_revisits where record_type = 'revisit'")
    sepehr = [r for r in rows if r[0] == "fa-sepehr" and r[1] == 304]
    assert len(sepehr) >= 5 and all(r[2] == "not_modified" and r[4] for r in sepehr)
    # ar-mojaz ignores conditionals: a 200 with the same payload, stored as a revisit record all the same
    mojaz = [r for r in rows if r[0] == "ar-mojaz"]
    assert len(mojaz) >= 5 and all(r[1] == 200 and r[2] == "unchanged" and not r[4] for r in mojaz)
    assert _sql(revisited, "select count(*) from article_revisits where outlet = 'ar-mojaz' and http_status = 304") \
        == [(0,)]
    for *_, warc_file, offset in rows:
        with open(revisited.data / warc_file, "rb") as fh:
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh)))
        assert record.rec_type == "revisit"
        assert record.rec_headers.get_header("WARC-Profile").endswith("/revisit/identical-payload-digest")
        assert record.rec_headers.get_header("WARC-Refers-To-Target-URI")
        assert record.rec_headers.get_header("WARC-Payload-Digest").startswith("sha1:")


def _id(r: Revisited, path: str) -> str:
    return _sql(r, f"select article_id from articles where url like '%{path}'")[0][0]


def test_article_changes_view_and_summary_counts(revisited: Revisited):
    from akhbar.warehouse.duck import summary

    events = _sql(revisited, "select event, count(*) from article_changes group by 1 order by 1")
    assert events == [("body_changed", 2), ("deleted", 3), ("headline_changed", 1), ("restored", 1),
                      ("stealth_edit", 2)]
    rel = summary(revisited.data, first=DAY, last=DAY, changes=True)
    got = {r[1]: dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()}
    sepehr, mojaz = got["fa-sepehr"], got["ar-mojaz"]
    assert (sepehr["edited"], sepehr["headline"], sepehr["stealth"], sepehr["deleted"], sepehr["restored"]) == \
        (2, 1, 1, 2, 1)
    assert (mojaz["edited"], mojaz["stealth"], mojaz["deleted"], mojaz["revisited"]) == (1, 1, 1, 5)


def test_versions_and_diff_through_the_cli_and_the_api(revisited: Revisited, tmp_path: Path):
    import subprocess
    import sys

    from akhbar.api import Archive

    aid = _id(revisited, HEADLINE)
    table = Archive(revisited.data).versions(aid)
    assert table.column("version").to_pylist() == [1, 2]
    assert table.column("title").to_pylist()[1] == NEW_TITLE
    assert all(u.endswith(HEADLINE) and "/akhbar/" in u for u in table.column("replay_url").to_pylist())
    assert Archive(revisited.data).versions("no-such-id").num_rows == 0
    akhbar = [str(Path(sys.executable).with_name("akhbar"))]
    env = {"COLUMNS": "200", "PATH": "/usr/bin:/bin"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*akhbar, *args, "--data-dir", str(revisited.data)], capture_output=True, text=True,
                              timeout=120, env=env)

    out = run("versions", aid)
    assert out.returncode == 0 and "headline changed" in out.stdout, out.stderr
    out = run("diff", aid)
    assert out.returncode == 0, out.stderr
    # the headline's changed words only, marked (colour aside), each line isolated as right-to-left
    assert "تا [-دو هفته دیگر رفع-] {+پایان ماه برطرف+} می‌شود" in out.stdout and "\u2067" in out.stdout
    figure = run("diff", _id(revisited, FIGURE), "--from", "1", "--to", "2")
    assert figure.returncode == 0 and "[-" in figure.stdout and "{+" in figure.stdout
    page = tmp_path / "diff.html"
    assert run("diff", _id(revisited, PARAGRAPH), "--html", str(page)).returncode == 0
    assert 'dir="rtl"' in page.read_text(encoding="utf-8") and "<del>" in page.read_text(encoding="utf-8")
    bad = run("diff", aid, "--to", "9")
    assert bad.returncode == 2 and bad.stderr.strip().startswith("error:") and len(bad.stderr.strip().splitlines()) == 1
    assert run("versions", "no-such-id").returncode == 2


@pytest.mark.e2e
def test_every_version_replays_by_its_timestamp(revisited: Revisited):
    """`akhbar replay` (pywb) serves version 1, version 2 and a WARC revisit record (an unchanged ar-mojaz page stored
    as a revisit record: pywb answers it with the original's payload) each at its own timestamp."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import urllib.request

    from akhbar.changes import versions

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([str(Path(sys.executable).with_name("akhbar")), "replay", "--port", str(port),
                             "--data-dir", str(revisited.data)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)

    def raw(replay_url: str) -> str:
        ts, url = replay_url.removeprefix(f"{base}/akhbar/").split("/", 1)
        with urllib.request.urlopen(f"{base}/akhbar/{ts}id_/{url}", timeout=30) as resp:
            return resp.read().decode("utf-8", errors="replace")

    try:
        wait_until("akhbar replay", lambda: urllib.request.urlopen(f"{base}/akhbar/", timeout=2), timeout=120,
                   proc=proc)
        first, second = versions(revisited.data, _id(revisited, HEADLINE), replay_base=base)
        old_title = first["title"]
        page1, page2 = raw(first["replay_url"]), raw(second["replay_url"])
        assert f"<h1>{old_title}" in page1.replace('<h1 class="title">', "<h1>") or old_title in page1
        assert NEW_TITLE in page2 and NEW_TITLE not in page1
        fetched_at, url = _sql(revisited, "select fetched_at, url from article_revisits where outlet = 'ar-mojaz' "
                                          "and record_type = 'revisit' order by fetched_at desc limit 1")[0]
        stamp = fetched_at.astimezone(UTC).strftime("%Y%m%d%H%M%S")
        again = raw(f"{base}/akhbar/{stamp}/{url}")
        assert _sql(revisited, f"select title from articles where url = '{url}'")[0][0] in again
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def test_a_changed_date_widget_is_no_new_version_and_no_article_changes_day(revisited: Revisited):
    payam = _sql(revisited, "select outcome, record_type, count(*) from article_revisits where outlet = 'fa-payam' "
                            "group by all")
    # a revisit served on another day than the first capture got a new payload (the widget's date), stored whole,
    # and was judged the same version (on 2025-01-09, the test web's own «today», the payload is the same)
    assert {o for o, _, _ in payam} == {"unchanged"}
    assert dict((t, n) for _, t, n in payam).get("response", 0) >= 8
    assert _sql(revisited, "select count(*) from article_versions where outlet = 'fa-payam'") == [(0,)]
    assert _days(revisited) == revisited.days_before  # revisits never move or add an article


def test_articles_rewritten_without_the_counts_are_stamped_again(revisited: Revisited):
    from akhbar.pipeline.revisit import stamp_articles

    lake = Lake(str(revisited.data / "lake"))
    before = _sql(revisited, "select article_id, versions, last_change_at from articles order by 1")
    for slug in SLUGS:  # as a re-run of the day's night writes them: no revisit columns
        rows = lake.read_partition("articles", DAY, slug).to_pylist()
        lake.replace_partition("articles", DAY, slug, [{**r, "versions": None, "last_change_at": None} for r in rows])
    assert _sql(revisited, f"select count(versions) from articles where day = '{DAY}'") == [(0,)]
    for slug in SLUGS:
        stamp_articles(revisited.data, lake, DAY, slug)
    assert _sql(revisited, "select article_id, versions, last_change_at from articles order by 1") == before


def test_a_rewrite_of_the_day_keeps_what_revisits_saw(revisited: Revisited):
    """The night's writers (night.load_stage, merge_articles) store articles through revisit.stamped: rows built
    again from the WARC, without the revisit columns, get them back from the revisit tables."""
    from dataclasses import replace

    from akhbar.pipeline.revisit import stamped
    from akhbar.warehouse.schema import ArticleRecord

    lake = Lake(str(revisited.data / "lake"))
    for slug in SLUGS:
        stored = [ArticleRecord.from_row(r) for r in lake.read_partition("articles", DAY, slug).to_pylist()]
        rebuilt = [replace(a, versions=None, last_change_at=None) for a in stored]
        again = stamped(lake, DAY, slug, rebuilt)
        assert [(a.versions, a.last_change_at) for a in again] == [(a.versions, a.last_change_at) for a in stored]
    assert any(a.versions and a.versions > 1 for slug in SLUGS
               for a in stamped(lake, DAY, slug, [ArticleRecord.from_row(r) for r in
                                                  lake.read_partition("articles", DAY, slug).to_pylist()]))


def _article(r: Revisited, path: str) -> tuple[str, str]:
    return _sql(r, f"select article_id, title from articles where url like '%{path}'")[0]


def test_search_restricted_to_changed_or_deleted_articles(revisited: Revisited):
    from akhbar import Archive
    from akhbar.transforms.normalize import tokens

    archive = Archive(revisited.data)
    edited_id, edited_title = _article(revisited, HEADLINE)
    gone_id, gone_title = _article(revisited, DELETED_404)
    edited = {i for (i,) in _sql(revisited, "select distinct article_id from article_changes where event in "
                                            "('headline_changed', 'body_changed', 'stealth_edit')")}
    deleted = {i for (i,) in _sql(revisited, "select distinct article_id from article_changes where event = 'deleted'")}
    assert edited_id in edited and gone_id in deleted and gone_id not in edited
    for title, wanted in ((edited_title, edited_id), (gone_title, gone_id)):
        word = max(tokens(title), key=len)
        every = set(archive.search(word, limit=100)["article_id"].to_pylist())
        changed = set(archive.search(word, limit=100, changed=True)["article_id"].to_pylist())
        gone = set(archive.search(word, limit=100, deleted=True)["article_id"].to_pylist())
        assert wanted in every and changed <= every & edited and gone <= every & deleted
        assert (wanted in changed) == (wanted == edited_id) and (wanted in gone) == (wanted == gone_id)
    # the command line's flags are the same filters
    proc = subprocess.run([AKHBAR, "search", max(tokens(gone_title), key=len), "--deleted", "--data-dir",
                           str(revisited.data)], capture_output=True, text=True, env={**os.environ, "COLUMNS": "300"})
    assert proc.returncode == 0 and gone_id in proc.stdout and edited_id not in proc.stdout, proc.stderr
