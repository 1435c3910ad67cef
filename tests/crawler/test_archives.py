"""crawler/archives.py without an archive running: CDX answers in both formats and the nearest capture, the
archive settings' defaults, and captures inflated within the crawl's cap. (Back-fills against pywb and a
Common-Crawl-like server: the scenario suite tests/test_backfill_archives.py.)"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from akhbar.crawler.archives import DEFAULTS, ArchiveConfig, nearest, parse_cdx
from akhbar.settings import Settings


def test_cdx_answers_in_both_formats_and_the_nearest_capture():
    wayback = b'[["urlkey","timestamp","original","mimetype","statuscode"],' \
              b'["x","20250107100000","http://a.test/news/1","text/html","200"],' \
              b'["x","20250109100000","http://a.test/news/1","text/html","200"]]'
    rows = parse_cdx(wayback)
    assert [r["url"] for r in rows] == ["http://a.test/news/1"] * 2 and rows[0]["status"] == "200"
    ndjson = b'{"url": "http://a.test/news/2", "timestamp": "20250108000000", "status": "503"}\n' \
             b'{"url": "http://a.test/news/2", "timestamp": "20250101000000", "status": "301"}\n'
    assert nearest(parse_cdx(ndjson), datetime(2025, 1, 8, tzinfo=UTC))["timestamp"] == "20250101000000"
    assert nearest(rows, datetime(2025, 1, 9, tzinfo=UTC))["timestamp"] == "20250109100000"


def test_settings_defaults_are_the_crawler_defaults():
    s = Settings()
    assert ArchiveConfig.from_settings(s.archive_overrides("wayback")) == ArchiveConfig.from_settings(
        {**DEFAULTS, "AKHBAR_SOURCE": "wayback"})
    with pytest.raises(ValueError, match="capture source"):
        ArchiveConfig.from_settings({"AKHBAR_SOURCE": "archive.today"})


# -- captures inflated within the crawl's cap (issue 24) ----------------------------------------------------------

def _capture_middleware(maxsize: int):
    from scrapy import Spider
    from scrapy.utils.test import get_crawler

    from akhbar.crawler.archives import CaptureMiddleware

    return CaptureMiddleware(get_crawler(Spider, {"AKHBAR_SOURCE": "commoncrawl", "DOWNLOAD_MAXSIZE": maxsize}))


def test_inflate_capped_streams_gzip_and_deflate_to_the_cap():
    import gzip
    import zlib

    from akhbar.crawler.archives import inflate_capped

    page = "<html><body><p>خبر فوری: الأرصاد تحذر</p></body></html>".encode()
    two_members = gzip.compress(page[:20]) + gzip.compress(page[20:])
    assert inflate_capped(two_members, "gzip", len(page)) == page  # exactly the cap: kept
    assert inflate_capped(two_members, "gzip", len(page) - 1) is None  # one byte past it: refused
    assert inflate_capped(zlib.compress(page), "deflate", 1000) == page
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    assert inflate_capped(raw.compress(page) + raw.flush(), "deflate", 1000) == page
    assert inflate_capped(gzip.compress(page)[:-12], "gzip", 1000) == b""  # cut short: cannot be undone
    assert inflate_capped(b"not gzip at all", "gzip", 1000) == b""


def test_a_gzip_bomb_capture_is_never_inflated_whole():
    """200 MB of zeros in 200 KB of gzip: the soft-404 check inflates at most the cap (1 MiB here), in pieces."""
    import tracemalloc

    from akhbar.testweb.faults import gzip_bomb

    bomb = gzip_bomb(200_000_000)
    middleware = _capture_middleware(1024 * 1024)
    tracemalloc.start()
    try:
        assert middleware._soft_404([("Content-Encoding", "gzip")], bomb) is None
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, peak  # the old check held all 200 MB (and a copy)
    # a gzip-encoded «page not found» capture is still told apart
    import gzip

    not_found = ("<html><head><title>صفحه مورد نظر یافت نشد</title></head><body><h1>404</h1>"
                 "<p>بازگشت به صفحه اصلی</p></body></html>").encode()
    assert middleware._soft_404([("Content-Encoding", "gzip")], gzip.compress(not_found))


def test_a_common_crawl_record_that_inflates_past_the_cap_is_too_large(tmp_path):
    """The range answer is a gzip member of the WARC file: a member of 20 MB of payload in ~20 KB is refused
    (logged too_large like a live body over DOWNLOAD_MAXSIZE), never inflated whole; a normal record is read."""
    from scrapy import Request
    from scrapy.exceptions import IgnoreRequest
    from scrapy.http import Response
    from twisted.python.failure import Failure

    from akhbar.crawler.spiders.outlet_day import classify_failure
    from akhbar.testweb.archive_stack import page as capture_page
    from akhbar.testweb.archive_stack import write_warc

    def answer(body_html: str) -> tuple[Request, Response]:
        path = tmp_path / "c.warc.gz"
        write_warc(path, [capture_page("https://www.example.ir/news/1", datetime(2025, 1, 7, 20, tzinfo=UTC),
                                       body_html)])
        data = path.read_bytes()
        row = {"offset": "0", "length": str(len(data)), "timestamp": "20250107200000"}
        request = Request("http://127.0.0.1:9/data/c.warc.gz", meta={
            "akhbar_capture_row": row, "akhbar_original": "https://www.example.ir/news/1", "akhbar_kind": "article"})
        return request, Response(request.url, status=206, body=data, request=request)

    middleware = _capture_middleware(1024 * 1024)
    request, response = answer("<html><body><p>" + "ا" * 10_000_000 + "</p></body></html>")
    assert len(response.body) < 200_000
    with pytest.raises(IgnoreRequest) as refused:
        middleware._after_range(request, response)
    assert classify_failure(Failure(refused.value))[0] == "too_large"
    request, response = answer("<html><body><p>الأرصاد تحذر من موجة برد</p></body></html>")
    unwrapped = middleware._after_range(request, response)
    assert unwrapped.status == 200 and "الأرصاد".encode() in unwrapped.body
