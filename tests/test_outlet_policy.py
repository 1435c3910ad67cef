"""Issue 27's crawl policy: outlets that ship disabled, robots.txt groups for the generic tokens we are (Scrapy),
and the User-Agent that names no invented contact (a run without AKHBAR_USER_AGENT warns once)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from scrapy.robotstxt import ProtegoRobotParser

from akhbar import airflow_support as af
from akhbar import settings as settings_module
from akhbar.crawler import settings as crawler_settings
from akhbar.crawler.middlewares import GenericTokenRobotParser
from akhbar.crawler.run import crawl_settings
from akhbar.outlets.registry import OutletConfigError, load_outlet_file, select_outlets
from akhbar.settings import Settings

AKHBAR = str(Path(sys.executable).parent / "akhbar")
DAY = date(2025, 1, 7)
UA = crawler_settings.USER_AGENT
#: what the BBC's robots.txt says to Scrapy (saved copy, issue 27), with a `*` group that allows
SCRAPY_BANNED = b"User-agent: *\nDisallow: /private/\n\nUser-agent: Scrapy\nDisallow: /\nCrawl-delay: 7\n"


def akhbar(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "1000", **(env or {})}
    for name in ("AKHBAR_DATA_DIR", "AKHBAR_USER_AGENT", "AKHBAR_ENABLE_OUTLETS", "AKHBAR_CRAWL_SETTINGS"):
        if name not in (env or {}):
            full_env.pop(name, None)
    return subprocess.run([AKHBAR, *args], capture_output=True, text=True, env=full_env, timeout=300)


def disabled_copy(src: Path, dest: Path, reason: str = "Its terms say: \"No crawling\".") -> Path:
    """An outlet file like ``src`` that ships disabled."""
    text = src.read_text(encoding="utf-8")
    text = text.replace("\n[discovery]", f"enabled = false\ndisabled_reason = {reason!r}\n\n[discovery]", 1)
    dest.write_text(text, encoding="utf-8")
    return dest


@pytest.fixture
def two_outlets(testweb_outlets, tmp_path) -> Path:
    """fa-sepehr as the test web ships it, ar-wadi disabled."""
    folder = tmp_path / "outlets"
    folder.mkdir()
    (folder / "fa-sepehr.toml").write_text((testweb_outlets / "fa-sepehr.toml").read_text(encoding="utf-8"))
    disabled_copy(testweb_outlets / "ar-wadi.toml", folder / "ar-wadi.toml")
    return folder


# -- disabled outlets -------------------------------------------------------------------------
def test_a_disabled_outlet_must_say_why(testweb_outlets, tmp_path):
    path = disabled_copy(testweb_outlets / "ar-wadi.toml", tmp_path / "ar-wadi.toml", reason=" ")
    with pytest.raises(OutletConfigError, match="enabled = false needs disabled_reason"):
        load_outlet_file(path)


def test_selection_skips_disabled_outlets_and_refuses_them_by_name(two_outlets):
    assert [o.slug for o in select_outlets(None, two_outlets)] == ["fa-sepehr"]
    assert [o.slug for o in select_outlets(None, two_outlets, enable={"ar-wadi"})] == ["ar-wadi", "fa-sepehr"]
    with pytest.raises(OutletConfigError) as exc:
        select_outlets(["fa-sepehr", "ar-wadi"], two_outlets)
    message = str(exc.value)
    assert "outlet ar-wadi is disabled: Its terms say" in message and "AKHBAR_ENABLE_OUTLETS=ar-wadi" in message
    assert "enabled = true in" in message and str(two_outlets / "ar-wadi.toml") in message
    assert [o.slug for o in select_outlets(["ar-wadi"], two_outlets, enable=["ar-wadi"])] == ["ar-wadi"]


def test_the_nightly_dag_lists_enabled_outlets_only(two_outlets, monkeypatch):
    assert af.outlet_slugs(two_outlets) == ["fa-sepehr"]
    assert af.outlet_slugs(two_outlets, enable={"ar-wadi"}) == ["ar-wadi", "fa-sepehr"]
    monkeypatch.setenv("AKHBAR_ENABLE_OUTLETS", "ar-wadi")  # the DAG file passes no enable: the setting's
    assert af.outlet_slugs(two_outlets) == ["ar-wadi", "fa-sepehr"]


def test_shipped_bbc_outlets_are_refused_by_name_with_one_error_line(tmp_path):
    proc = akhbar("run", "--outlet", "bbcpersian", "--data-dir", str(tmp_path / "data"), "--date", "2025-01-07")
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert proc.returncode == 2 and len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: outlet bbcpersian is disabled: The BBC's terms")
    assert "AKHBAR_ENABLE_OUTLETS=bbcpersian" in lines[0]
    assert not (tmp_path / "data" / "warc").exists()  # nothing crawled


def test_outlets_list_shows_disabled_outlets_with_the_reason():
    proc = akhbar("outlets", "list")
    assert proc.returncode == 0, proc.stderr
    rows = {ln.split("│")[1].strip(): ln for ln in proc.stdout.splitlines() if ln.count("│") > 5}
    assert "no: disabled" in rows["bbcpersian"] and "yes" in rows["yjc"]
    assert "bbcarabic is disabled: The BBC's terms" in proc.stdout and "AKHBAR_ENABLE_OUTLETS" in proc.stdout
    enabled = akhbar("outlets", "list", env={"AKHBAR_ENABLE_OUTLETS": "bbcarabic"})
    row = next(ln for ln in enabled.stdout.splitlines() if "│ bbcarabic" in ln)
    assert "enabled by AKHBAR_ENABLE_OUTLETS" in row


def test_enable_setting_reads_slugs_and_refuses_garbage():
    assert Settings.from_env({"AKHBAR_ENABLE_OUTLETS": " bbcpersian , bbcarabic,"}).enabled_outlets == {
        "bbcpersian", "bbcarabic"}
    assert Settings().enabled_outlets == frozenset()
    with pytest.raises(ValueError, match="AKHBAR_ENABLE_OUTLETS='bbc persian'"):
        Settings.from_env({"AKHBAR_ENABLE_OUTLETS": "bbc persian"})


def test_a_run_crawls_the_enabled_outlets_and_skips_the_disabled_one(two_outlets, tmp_path, fast_crawl):
    proc = akhbar("run", "--outlets-dir", str(two_outlets), "--data-dir", str(tmp_path / "data"), "--date",
                  "2025-01-07", env={"AKHBAR_CRAWL_SETTINGS": '{"DOWNLOAD_TIMEOUT": "5"}'})
    assert "fa-sepehr" in proc.stdout and "ar-wadi" not in proc.stdout, proc.stdout + proc.stderr
    assert not list((tmp_path / "data").rglob("*ar-wadi*"))
    # the run had no AKHBAR_USER_AGENT: one warning, however many days and outlets
    warnings = [ln for ln in proc.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warnings) == 1 and "AKHBAR_USER_AGENT is not set" in warnings[0], proc.stderr


# -- robots.txt: the generic tokens we are ----------------------------------------------------
def test_scrapy_group_applies_to_our_user_agent():
    stock = ProtegoRobotParser(SCRAPY_BANNED, None)
    assert stock.allowed("https://site.example/news/1", UA)  # the old behaviour: only `*` applied to us
    ours = GenericTokenRobotParser(SCRAPY_BANNED, None)
    assert not ours.allowed("https://site.example/news/1", UA)
    assert ours.crawl_delay(UA) == 7.0
    plain = GenericTokenRobotParser(b"User-agent: *\nDisallow: /private/\n", None)
    assert plain.allowed("https://site.example/news/1", UA) and not plain.allowed("https://site.example/private/x", UA)
    # a group naming our own product token still applies (Protego matches it inside the full User-Agent)
    mine = GenericTokenRobotParser(b"User-agent: akhbar\nDisallow: /mine/\n", None)
    assert not mine.allowed("https://site.example/mine/1", UA) and mine.allowed("https://site.example/news/1", UA)


def test_the_crawl_uses_the_token_aware_parser():
    from akhbar.outlets.registry import load_outlets

    settings = crawl_settings(list(load_outlets().values())[:1])
    assert settings["ROBOTSTXT_PARSER"] == "akhbar.crawler.middlewares.GenericTokenRobotParser"


def test_a_crawl_honours_a_scrapy_group_of_the_sites_robots_txt(testweb, testweb_outlets, tmp_path, fast_crawl):
    from akhbar.pipeline import run_day

    body = "User-agent: *\nDisallow: /private/\n\nUser-agent: Scrapy\nDisallow: /news/\n"
    testweb.set_fault("fa-sepehr", "/robots.txt", "raw", body=body)
    try:
        before = testweb.hits("fa-sepehr", "/news/")
        [result] = run_day(DAY, tmp_path / "data", ["fa-sepehr"], folder=testweb_outlets, overrides=fast_crawl)
        assert testweb.hits("fa-sepehr", "/news/") == before  # not one article page requested
        assert testweb.hits("fa-sepehr", "/rss.xml") > 0  # what the groups allow is still read
        assert result.articles == 0
    finally:
        testweb.clear_faults()


# -- the User-Agent ---------------------------------------------------------------------------
def test_default_user_agent_names_no_contact():
    assert "http" not in UA and "@" not in UA and "github" not in UA.lower()
    assert UA.startswith("akhbar/")


def test_user_agent_warning_once_and_only_without_one(monkeypatch):
    monkeypatch.setattr(settings_module, "_USER_AGENT_WARNED", False)
    said: list[str] = []
    Settings.from_env({"AKHBAR_USER_AGENT": "mybot/1 (+https://example.org/contact)"}).warn_user_agent(said.append)
    Settings.from_env({"AKHBAR_CRAWL_SETTINGS": '{"USER_AGENT": "mybot/1 (ops@example.org)"}'}).warn_user_agent(
        said.append)
    assert said == []
    for _ in range(3):
        Settings().warn_user_agent(said.append)
    assert len(said) == 1 and "AKHBAR_USER_AGENT is not set" in said[0] and UA in said[0]
