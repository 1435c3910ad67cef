"""The test web's articles that change after publication (testweb/revisions.py), over real HTTP."""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from akhbar.testweb import TestWeb
from akhbar.transforms.soft404 import soft_404_reason

S12 = "/news/2031542"  # fa-sepehr, 2025-01-07
S11 = "/news/2031533"
M21 = "/ar/article/58421"  # ar-mojaz


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    req = urllib.request.Request(url, headers={"Accept-Encoding": "identity", **(headers or {})})
    try:
        with urllib.request.build_opener(_NoRedirect).open(req, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode(errors="replace")


@pytest.fixture(scope="module")
def web():
    with TestWeb(port=0) as w:
        yield w


def test_headline_paragraph_and_figure_edits(web: TestWeb):
    art = web.catalog.find("fa-sepehr", S12)
    web.revise("fa-sepehr", S12, title="اجرای نمایش عروسکی «ماه‌پیشونی» تا پایان هفته تمدید شد",
               modified_local=datetime(2025, 1, 8, 9, tzinfo=ZoneInfo("Asia/Tehran")))
    _, _, page = _get(web.url("fa-sepehr", S12))
    h1 = page.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert "تمدید شد" in h1 and art.title not in h1  # the sidebar may keep the old headline
    assert "2025-01-08T09:00:00" in page  # dateModified moved with the headline
    m21 = web.catalog.find("ar-mojaz", M21)
    web.revise("ar-mojaz", M21, drop_paragraph=1)
    _, _, page = _get(web.url("ar-mojaz", M21))
    assert m21.paragraphs[1] not in page and m21.paragraphs[2] in page
    s11 = web.catalog.find("fa-sepehr", S11)
    _, _, before = _get(web.url("fa-sepehr", S11))
    web.revise("fa-sepehr", S11, figure=True)
    _, _, after = _get(web.url("fa-sepehr", S11))
    assert s11.paragraphs[2] in before and s11.paragraphs[2] not in after and s11.paragraphs[3] in after
    assert 'dateModified' not in after or before.split('dateModified')[1][:40] == after.split('dateModified')[1][:40]


@pytest.mark.parametrize("how,status", [("404", 404), ("410", 410), ("soft404", 200), ("home", 302)])
def test_deletions_and_restore(web: TestWeb, how: str, status: int):
    path = "/ar/article/58422"
    web.delete("ar-mojaz", path, how)  # type: ignore[arg-type]
    got, headers, body = _get(web.url("ar-mojaz", path))
    assert got == status
    if how == "soft404":
        assert soft_404_reason(body.encode()) is not None
    if how == "home":
        assert headers["Location"] == web.base_url("ar-mojaz")
    web.restore("ar-mojaz", path)
    assert _get(web.url("ar-mojaz", path))[0] == 200


def test_conditional_requests_honoured_or_ignored(web: TestWeb):
    path = "/news/2031548"
    status, headers, _ = _get(web.url("fa-sepehr", path))
    assert status == 200 and "ETag" not in headers  # ignores conditionals, sends no validators
    web.conditional("fa-sepehr")
    status, headers, _ = _get(web.url("fa-sepehr", path))
    etag, last = headers["ETag"], headers["Last-Modified"]
    assert _get(web.url("fa-sepehr", path), {"If-None-Match": etag})[0] == 304
    assert _get(web.url("fa-sepehr", path), {"If-Modified-Since": last})[0] == 304
    web.revise("fa-sepehr", path, figure=True)  # a stealth edit: the ETag changes, Last-Modified does not
    status, headers, _ = _get(web.url("fa-sepehr", path), {"If-None-Match": etag, "If-Modified-Since": last})
    assert status == 200 and headers["ETag"] != etag and headers["Last-Modified"] == last
    web.conditional("fa-sepehr", False)
    assert _get(web.url("fa-sepehr", path), {"If-None-Match": etag})[0] == 200
