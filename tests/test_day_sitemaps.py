"""Per-day sitemap templates: an outlet whose only source is ``/sitemaps/{d:%Y-%m-%d}.xml`` still gets
the whole day, for a historical day no feed lists any more."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from akhbar.outlets.registry import OutletConfigError, load_outlet_file
from akhbar.pipeline import run_day
from akhbar.transforms.identity import normalize_url
from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.e2e
HISTORY = date(2024, 12, 10)


def _only_day_sitemaps(src: Path, dst: Path, slug: str) -> Path:
    raw = tomllib.loads((src / f"{slug}.toml").read_text(encoding="utf-8"))
    base = raw["base_url"].rstrip("/")
    text = (src / f"{slug}.toml").read_text(encoding="utf-8").split("[discovery]")[0]
    text += ("[discovery]\nauto = false\nfeeds = []\narchives = []\n"
             f'sitemaps = ["{base}/sitemaps/{{d:%Y-%m-%d}}.xml"]\n\n'
             "[crawl]\ndownload_delay = 0\nconcurrency = 4\nallow_private_hosts = true\n")
    dst.mkdir(parents=True, exist_ok=True)
    (dst / f"{slug}.toml").write_text(text, encoding="utf-8")
    return dst


def test_template_is_filled_for_each_local_day(testweb_outlets, tmp_path):
    folder = _only_day_sitemaps(testweb_outlets, tmp_path / "outlets", "fa-payam")
    outlet = load_outlet_file(folder / "fa-payam.toml")
    urls = outlet.sitemap_urls([date(2024, 12, 10), date(2024, 12, 11), date(2024, 12, 10)])
    assert [u.rsplit("/", 1)[1] for u in urls] == ["2024-12-10.xml", "2024-12-11.xml"]


def test_bad_placeholder_names_the_field(testweb_outlets, tmp_path):
    folder = _only_day_sitemaps(testweb_outlets, tmp_path / "outlets", "fa-payam")
    path = folder / "fa-payam.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("{d:%Y-%m-%d}", "{day}"), encoding="utf-8")
    with pytest.raises(OutletConfigError, match=r"fa-payam\.toml.*discovery\.sitemaps.*\{day\}"):
        load_outlet_file(path)


def test_historical_day_through_day_sitemaps_only(testweb, testweb_outlets, tmp_path, fast_crawl):
    folder = _only_day_sitemaps(testweb_outlets, tmp_path / "outlets", "fa-payam")
    data = tmp_path / "data"
    [result] = run_day(HISTORY, data, ["fa-payam"], folder=folder, overrides=fast_crawl)
    assert result.ok, result.error
    got = {normalize_url(u) for u in Lake(str(data / "lake")).read("articles", [HISTORY]).column("url").to_pylist()}
    expected = {normalize_url(e.url) for e in testweb.expected_articles(HISTORY) if e.outlet == "fa-payam"}
    assert expected and got == expected
    assert testweb.hits("fa-payam", "/sitemaps/2024-12-10.xml") >= 1
