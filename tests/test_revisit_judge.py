"""akhbar.pipeline.revisit without a crawl: what one revisit's answer means, and which versions it makes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from akhbar.outlets.registry import Outlet, RevisitPolicy
from akhbar.pipeline.revisit import Fetched, Seen, Target, judge, new_version
from akhbar.transforms.versions import Content
from akhbar.warehouse.schema import RevisitOutcome, VersionState

NIGHT = date(2025, 1, 9)
WHEN = datetime(2025, 1, 9, 3, tzinfo=UTC)
URL = "https://www.example.ir/news/1201"
OUTLET = Outlet(slug="fa-test", name="Test", language="fa", country="IR", timezone="Asia/Tehran",
                base_url="https://www.example.ir/", allowed_domains=["www.example.ir"],
                article_url_pattern=r"/news/\d+")
FIRST = Content("بارش برف در تهران مدارس را تعطیل کرد",
                "مدارس تهران فردا به دلیل بارش سنگین برف تعطیل است.\n"
                "به گفته سازمان هواشناسی، بارش تا پنج‌شنبه ادامه دارد و دمای هوا ۸ درجه کاهش می‌یابد.", ())


def _target(**kw) -> Target:
    base = {"article_id": "a1", "url": URL, "home_day": date(2025, 1, 7), "last_version": 1,
            "last_state": VersionState.LIVE, "last_live": FIRST, "live_pointer": ("warc/x.warc.gz", 0)}
    return Target(**{**base, **kw})


def _line(status: int | None, outcome: str = "ok", final: str = URL) -> dict:
    return {"url": URL, "status": status, "outcome": outcome, "final_url": final, "fetched_at": WHEN, "bytes": 10}


def _page(title: str, paragraphs: list[str]) -> Fetched:
    body = (f'<html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>{title}</title></head><body><article>'
            f"<h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>")
    return Fetched("response", 200, body.encode(), "text/html; charset=utf-8", WHEN, "<urn:uuid:1>", "warc/r.warc.gz",
                   0)


@pytest.mark.parametrize("line,outcome", [
    (_line(304), RevisitOutcome.NOT_MODIFIED),
    (_line(404, "http_error"), RevisitOutcome.GONE),
    (_line(410, "http_error"), RevisitOutcome.GONE),
    (_line(200, final="https://www.example.ir/"), RevisitOutcome.GONE),  # redirected to the home page
    (_line(200, final="https://www.example.ir/news/1201?x=1"), RevisitOutcome.FAILED),  # same article, no record
    (_line(503, "http_error"), RevisitOutcome.FAILED),
    (_line(None, "network_error"), RevisitOutcome.FAILED),
    (None, RevisitOutcome.FAILED),
])
def test_statuses_and_redirects(line, outcome):
    assert judge(OUTLET, _target(), line, None).outcome is outcome


def test_pages_judged_on_their_extracted_version():
    paras = FIRST.text.splitlines()
    revisit_record = Fetched("revisit", 200, b"", None, WHEN, "<urn:uuid:2>", "warc/r.warc.gz", 0)
    assert judge(OUTLET, _target(), _line(200), revisit_record).outcome is RevisitOutcome.UNCHANGED
    soft = _page("صفحه مورد نظر یافت نشد", ["متاسفانه صفحه‌ای که به دنبال آن بودید پیدا نشد."])
    seen = judge(OUTLET, _target(), _line(200), soft)
    assert seen.outcome is RevisitOutcome.GONE and seen.reason.startswith("soft-404")
    edited = judge(OUTLET, _target(), _line(200), _page(FIRST.title, [paras[0], paras[1].replace("۸", "۱۲")]))
    assert edited.outcome is RevisitOutcome.CHANGED and "۱۲ درجه" in edited.content.text


def _seen(outcome: RevisitOutcome, content: Content | None = None) -> Seen:
    f = Fetched("response", 200, b"", None, WHEN, "<urn:uuid:3>", "warc/r.warc.gz", 7)
    return Seen(outcome, "why", 200, URL, f, content, WHEN, 10)


def test_gone_twice_in_a_row_is_a_deletion_then_a_restoration():
    assert new_version(_target(), _seen(RevisitOutcome.GONE), NIGHT) is None  # once: not yet
    deleted = new_version(_target(gone_streak=1), _seen(RevisitOutcome.GONE), NIGHT)
    assert deleted.state is VersionState.GONE and deleted.events == ["deleted"] and deleted.version == 2
    assert deleted.warc_offset == 7 and "2 revisits in a row" in deleted.change_summary
    gone = _target(last_version=2, last_state=VersionState.GONE, gone_streak=2)
    assert new_version(gone, _seen(RevisitOutcome.GONE), NIGHT) is None  # still gone: no new version
    back = new_version(gone, _seen(RevisitOutcome.NOT_MODIFIED), NIGHT)
    assert back.state is VersionState.LIVE and back.events == ["restored"] and back.title == FIRST.title
    assert back.change_summary == "restored as it was" and back.version == 3


def test_unchanged_and_failed_make_no_version_and_edits_name_their_events():
    for outcome in (RevisitOutcome.UNCHANGED, RevisitOutcome.NOT_MODIFIED, RevisitOutcome.FAILED):
        assert new_version(_target(), _seen(outcome), NIGHT) is None
    retitled = Content("مدارس تهران دو روز تعطیل شد", FIRST.text, (), datetime(2025, 1, 8, tzinfo=UTC))
    made = new_version(_target(), _seen(RevisitOutcome.CHANGED, retitled), NIGHT)
    assert made.events == ["headline_changed"] and made.changed_fields == ["title", "modified_at"]


def test_the_schedule_is_validated():
    assert RevisitPolicy().after_days == [1, 3, 7, 30]
    assert RevisitPolicy(after_days=[7, 1, 1]).after_days == [1, 7]
    with pytest.raises(ValueError, match="1 or more"):
        RevisitPolicy(after_days=[0, 3])
