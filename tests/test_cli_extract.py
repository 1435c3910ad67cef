"""`akhbar extract PAGE.html`: the pipeline's extraction for one saved page, as text or as a JSON record."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from akhbar.transforms.extract import extract_article

AKHBAR = str(Path(sys.executable).parent / "akhbar")
ZWNJ = "\u200c"
FA_PAGE = """<html lang="fa"><head><meta charset="utf-8"><title>گفت‌وگوی تلفنی وزیران خارجه</title>
<meta property="article:published_time" content="2025-01-07T10:30:00+03:30"></head><body>
<nav><a href="/">صفحه اصلی</a><a href="/politics">سیاسی</a></nav><article><h1>گفت‌وگوی تلفنی وزیران خارجه</h1>
<p>وزیران امور خارجه دو کشور در گفت‌وگوی تلفنی درباره آخرین تحولات منطقه و راه‌های کاهش تنش‌ها رایزنی کردند.</p>
<p>در این تماس، دو طرف بر ضرورت ادامه‌ی رایزنی‌ها و هماهنگی‌های دیپلماتیک تأکید کردند
و قرار شد دیدار بعدی به‌زودی برگزار شود.</p>
<p>برچسب ها: سیاست خارجی، دیپلماسی</p><p>منبع: ایرنا</p></article>
<div class="related"><h3>اخبار پیشنهادی</h3><ul><li><a href="/n/1">قیمت طلا امروز</a></li></ul></div></body></html>"""
AR_PAGE = """<html lang="ar"><head><meta charset="windows-1256"><title>الأرصاد تحذر من موجة برد</title></head><body>
<article><h1>الأرصاد تحذر من موجة برد</h1>
<p>حذرت هيئة الأرصاد الجوية من موجة برد شديدة تضرب البلاد بدءاً من يوم الخميس المقبل وتستمر حتى نهاية الأسبوع.</p>
<p>وأوضحت الهيئة في بيان أن درجات الحرارة الصغرى قد تنخفض إلى خمس درجات مئوية في بعض المناطق الصحراوية ليلاً.</p>
<p>المصدر: البوابة نيوز</p></article></body></html>"""


def _akhbar(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([AKHBAR, "extract", *args], capture_output=True, text=True, env=env, timeout=120)


def test_text_output_is_the_pipelines_body(tmp_path: Path):
    page = tmp_path / "fa.html"
    page.write_text(FA_PAGE, encoding="utf-8")
    url = "https://www.example.ir/fa/news/123"
    proc = _akhbar(str(page), "--url", url)
    assert proc.returncode == 0, proc.stderr
    expected = extract_article(page.read_bytes(), url).text
    assert proc.stdout.rstrip("\n") == expected
    assert "گفت‌وگوی تلفنی" in proc.stdout and ZWNJ in proc.stdout
    for boilerplate in ("اخبار پیشنهادی", "قیمت طلا", "برچسب ها", "منبع:"):
        assert boilerplate not in proc.stdout


def test_json_record_of_a_windows_1256_page(tmp_path: Path):
    page = tmp_path / "ar.html"
    page.write_bytes(AR_PAGE.encode("cp1256"))
    proc = _akhbar(str(page), "--url", "https://www.example.com/News/2025/1/7/cold", "--json")
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["title"] == "الأرصاد تحذر من موجة برد"
    assert record["language"] == "ar" and record["source_credit"] == "البوابة نيوز"
    assert record["text"].startswith("حذرت هيئة الأرصاد الجوية") and "\ufffd" not in proc.stdout
    assert "المصدر" not in record["text"]


def test_missing_page_is_a_usage_error(tmp_path: Path):
    proc = _akhbar(str(tmp_path / "nope.html"))
    assert proc.returncode == 2 and "nope.html" in proc.stderr


def test_a_gzipped_page_and_a_bad_timezone(tmp_path: Path):
    import gzip

    page = tmp_path / "fa.html.gz"
    page.write_bytes(gzip.compress(FA_PAGE.encode("utf-8")))
    url = "https://www.example.ir/fa/news/123"
    proc = _akhbar(str(page), "--url", url)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip("\n") == extract_article(FA_PAGE.encode("utf-8"), url).text
    bad = _akhbar(str(page), "--tz", "Asia/Nowhere")
    assert bad.returncode == 2 and bad.stderr.strip() == "error: unknown IANA timezone 'Asia/Nowhere'"
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(page.read_bytes()[:40])
    broken = _akhbar(str(cut))
    assert broken.returncode == 2 and "not a readable gzip file" in broken.stderr and broken.stdout == ""
