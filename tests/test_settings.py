"""One settings object: every AKHBAR_* variable is a Settings field, documented, and read only there."""

from __future__ import annotations

import ast
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar import cli
from akhbar import settings as settings_module
from akhbar.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
#: the product's packages (tests and bench/ are tools around it: they may set up a child's environment)
PRODUCT = ["outlets", "transforms", "warehouse", "crawler", "akhbar", "dags"]
SETTINGS_FILE = ROOT / "akhbar" / "settings.py"
DATA_FA = "/srv/بایگانی خبر/data"

#: a value different from the default for every variable, and the field value it must give
GIVEN = {
    "AKHBAR_DATA_DIR": (DATA_FA, Path(DATA_FA)),
    "AKHBAR_LAKE_URI": ("s3://bucket/akhbar/lake", "s3://bucket/akhbar/lake"),
    "AKHBAR_OUTLETS_DIR": ("/tmp/akhbar-outlets", Path("/tmp/akhbar-outlets")),
    "AKHBAR_USER_AGENT": ("akhbar-test/1.0 (+https://example.org/تماس)", "akhbar-test/1.0 (+https://example.org/تماس)"),
    "AKHBAR_SCRAPY_LOG_LEVEL": ("WARNING", "WARNING"),
    "AKHBAR_CRAWL_SETTINGS": ('{"DOWNLOAD_DELAY": 0, "USER_AGENT": "from-json"}',
                              {"DOWNLOAD_DELAY": "0", "USER_AGENT": "from-json"}),
    "AKHBAR_QUALITY_THRESHOLDS": ('{"*": {"min_articles": 3}}', '{"*": {"min_articles": 3}}'),
    "AKHBAR_QUERY_TIMEOUT": ("0.5", 0.5),
    "AKHBAR_QUERY_MEMORY": ("512MB", "512MB"),
    "AKHBAR_RETRY_DELAY_SECONDS": ("2", 2.0),
    "AKHBAR_WAYBACK_URL": ("http://127.0.0.1:8080/wb", "http://127.0.0.1:8080/wb"),
    "AKHBAR_WAYBACK_CDX_URL": ("http://127.0.0.1:8080/wb/cdx", "http://127.0.0.1:8080/wb/cdx"),
    "AKHBAR_CC_INDEX_URL": ("http://127.0.0.1:8081/CC-TEST-index", "http://127.0.0.1:8081/CC-TEST-index"),
    "AKHBAR_CC_DATA_URL": ("http://127.0.0.1:8081/data", "http://127.0.0.1:8081/data"),
    "AKHBAR_WAYBACK_RATE": ("120", 120.0),
    "AKHBAR_CC_RATE": ("90", 90.0),
    "AKHBAR_NIGHTLY_START": ("2025-01-05", date(2025, 1, 5)),
    "AKHBAR_ON_FAILURE": ("tests.test_airflow_support:record_failure", "tests.test_airflow_support:record_failure"),
    "AKHBAR_PYWB_BIN": ("/opt/pywb/bin", Path("/opt/pywb/bin")),
    "AKHBAR_REPLAY_URL": ("http://127.0.0.1:9999", "http://127.0.0.1:9999"),
    "AKHBAR_REQUISITES_PER_PAGE": ("1", 1),
    "AKHBAR_REQUISITES_PER_NIGHT": ("500", 500),
    "AKHBAR_REQUISITE_MAX_BYTES": ("1_000_000", 1_000_000),
    "AKHBAR_CRAWL_QUEUE": ("crawl", "crawl"),
    "AKHBAR_CPU_QUEUE": ("cpu", "cpu"),
    "AKHBAR_ENABLE_OUTLETS": ("bbcpersian, bbcarabic", frozenset({"bbcpersian", "bbcarabic"})),
}


def _documented(path: Path) -> set[str]:
    """AKHBAR_* names in the first column of the Markdown tables of ``path``."""
    return set(re.findall(r"^\| `(AKHBAR_[A-Z_]+)` \|", path.read_text(encoding="utf-8"), re.M))


def test_every_documented_variable_is_a_field_and_every_field_is_documented():
    fields_env = set(Settings.variables())
    assert _documented(ROOT / "docs" / "airflow.md") == fields_env
    docstring = settings_module.__doc__ or ""
    assert {v for v in fields_env if f"``{v}``" in docstring} == fields_env
    assert set(GIVEN) == fields_env  # this test gives every one of them a value


def test_from_env_reads_every_variable():
    cfg = Settings.from_env({name: raw for name, (raw, _) in GIVEN.items()})
    default = Settings()
    for name, field_name in Settings.variables().items():
        want = GIVEN[name][1]
        assert getattr(cfg, field_name) == want, name
        assert getattr(default, field_name) != want, name  # the test would notice the variable being ignored
    assert cfg.lake_uri == "s3://bucket/akhbar/lake"
    assert cfg.retry_delay == timedelta(seconds=2)


def test_unset_or_empty_variables_give_the_defaults(tmp_path, monkeypatch):
    assert Settings.from_env({}) == Settings.from_env({name: " " for name in GIVEN}) == Settings()
    monkeypatch.chdir(tmp_path)
    assert Settings().lake_uri == str(tmp_path / "data" / "lake")  # default: <data dir>/lake, absolute
    assert Settings(data_dir=Path("d")).lake_uri == str(tmp_path / "d" / "lake")


def test_defaults_are_those_of_the_layers_below():
    from akhbar.crawler import settings as scrapy_settings
    from akhbar.outlets.registry import PACKAGED_OUTLETS_DIR
    from akhbar.warehouse.duck import DEFAULT_QUERY_MEMORY, DEFAULT_QUERY_TIMEOUT

    d = Settings()
    assert (d.query_timeout, d.query_memory) == (DEFAULT_QUERY_TIMEOUT, DEFAULT_QUERY_MEMORY)
    assert d.outlets_dir == PACKAGED_OUTLETS_DIR
    assert (d.user_agent, d.scrapy_log_level) == (scrapy_settings.USER_AGENT, scrapy_settings.LOG_LEVEL)
    assert d.retry_delay == timedelta(minutes=5)


@pytest.mark.parametrize(("name", "raw", "why"), [
    ("AKHBAR_QUERY_TIMEOUT", "soon", "expected seconds"),
    ("AKHBAR_QUERY_TIMEOUT", "0", "more than 0"),
    ("AKHBAR_QUERY_TIMEOUT", "inf", "at most 86400 seconds"),  # threading.Timer(inf): OverflowError
    ("AKHBAR_QUERY_TIMEOUT", "1e12", "at most 86400 seconds"),
    ("AKHBAR_QUERY_TIMEOUT", "nan", "more than 0"),
    ("AKHBAR_QUERY_MEMORY", "-1GB", "expected a number and a unit"),  # DuckDB reads it as no limit at all
    ("AKHBAR_QUERY_MEMORY", "0GB", "from 32MB to 1TB"),
    ("AKHBAR_QUERY_MEMORY", "10MB", "from 32MB to 1TB"),
    ("AKHBAR_QUERY_MEMORY", "5TB", "from 32MB to 1TB"),
    ("AKHBAR_QUERY_MEMORY", "2", "expected a number and a unit"),
    ("AKHBAR_QUERY_MEMORY", "دو گیگ", "expected a number and a unit"),
    ("AKHBAR_QUERY_MEMORY", "80%", "expected a number and a unit"),
    ("AKHBAR_RETRY_DELAY_SECONDS", "پنج دقیقه", "expected seconds"),
    ("AKHBAR_CRAWL_SETTINGS", "{USER_AGENT: x}", "not valid JSON"),
    ("AKHBAR_CRAWL_SETTINGS", '["USER_AGENT"]', "expected a JSON object"),
])
def test_a_malformed_variable_is_an_error_naming_it(name, raw, why):
    with pytest.raises(ValueError, match=rf"{name}.*{why}"):
        Settings.from_env({name: raw})


@pytest.mark.parametrize(("raw", "size"), [("2GB", 2 * 10**9), ("1.5GiB", 3 * 2**29), ("500mb", 5 * 10**8),
                                           ("2 GB", 2 * 10**9), ("2g", 2 * 10**9), ("1TB", 10**12)])
def test_query_memory_is_read_as_duckdb_reads_it(raw: str, size: int):
    import duckdb

    cfg = Settings.from_env({"AKHBAR_QUERY_MEMORY": raw})
    assert (cfg.query_memory, cfg.query_memory_bytes) == (raw, size)
    con = duckdb.connect()
    con.execute("set memory_limit = $1", [raw])
    con.execute("set memory_limit = $1", [f"{size}b"])  # the same setting both ways
    same = con.sql("select current_setting('memory_limit')").fetchall()
    con.execute("set memory_limit = $1", [raw])
    assert con.sql("select current_setting('memory_limit')").fetchall() == same
    assert Settings().query_memory_bytes == 2 * 10**9


def test_the_crawl_gets_identity_and_log_level_with_the_json_settings_on_top():
    from akhbar.crawler.run import crawl_settings
    from akhbar.outlets.registry import load_outlets

    outlets = list(load_outlets().values())[:1]
    cfg = Settings.from_env({"AKHBAR_USER_AGENT": "akhbar-test/1.0", "AKHBAR_SCRAPY_LOG_LEVEL": "ERROR"})
    scrapy = crawl_settings(outlets, cfg.scrapy_overrides())
    assert (scrapy["USER_AGENT"], scrapy["LOG_LEVEL"]) == ("akhbar-test/1.0", "ERROR")
    both = Settings.from_env({"AKHBAR_USER_AGENT": "akhbar-test/1.0",
                              "AKHBAR_CRAWL_SETTINGS": '{"USER_AGENT": "from-json"}'})
    assert crawl_settings(outlets, both.scrapy_overrides())["USER_AGENT"] == "from-json"
    # without overrides the crawler keeps its own defaults: nothing below the app reads the environment
    assert crawl_settings(outlets)["USER_AGENT"] == Settings().user_agent


def _reads_environment(path: Path) -> list[str]:
    """Places in ``path`` that touch os.environ / os.getenv / environ (imported from os)."""
    found, name = [], path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb", "getenvb"):
            found.append(f"{name}:{node.lineno} .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            found += [f"{name}:{node.lineno} from os import {a.name}" for a in node.names
                      if a.name in ("environ", "getenv", "environb", "getenvb")]
    return found


def test_only_the_settings_module_reads_the_environment():
    files = [p for pkg in PRODUCT for p in (ROOT / pkg).rglob("*.py") if p != SETTINGS_FILE]
    assert len(files) > 30
    assert [hit for p in files for hit in _reads_environment(p)] == []
    assert _reads_environment(SETTINGS_FILE)  # the check does see a read


def test_the_check_catches_each_way_of_reading(tmp_path):
    probe = tmp_path / "probe.py"
    for code in ("import os\nos.environ.get('AKHBAR_X')\n", "import os\nos.getenv('AKHBAR_X')\n",
                 "from os import environ\n", "import os\nos.environ.setdefault('SCRAPY_X', 'y')\n"):
        probe.write_text(code, encoding="utf-8")
        assert _reads_environment(probe), code
    probe.write_text("import os\nos.path.join('a', 'b')\n", encoding="utf-8")
    assert _reads_environment(probe) == []


# -- the CLI reads the settings once, in its callback; options win ---------------------------------------

@pytest.fixture
def captured(monkeypatch) -> list[tuple[list, Settings]]:
    """`akhbar run` / `backfill` without crawling: the days and settings they would archive with."""
    calls: list[tuple[list, Settings]] = []
    monkeypatch.setattr(cli, "_run_days",
                        lambda days, cfg, outlet, refetch, source="live": calls.append((days, cfg)) or [])
    monkeypatch.setattr(cli, "_settings", None)
    return calls


def test_cli_takes_the_environment_and_options_win(captured, tmp_path):
    env = {"AKHBAR_DATA_DIR": str(tmp_path / "از محیط"), "AKHBAR_USER_AGENT": "akhbar-test/2.0",
           "AKHBAR_LAKE_URI": "", "AKHBAR_OUTLETS_DIR": ""}
    runner = CliRunner()
    assert runner.invoke(cli.app, ["run", "--date", "2025-01-07"], env=env).exit_code == 0
    assert runner.invoke(cli.app, ["backfill", "--from", "2025-01-06", "--to", "2025-01-07",
                                   "--data-dir", str(tmp_path / "option")], env=env).exit_code == 0
    (run_days, run_cfg), (back_days, back_cfg) = captured
    assert run_cfg.data_dir == tmp_path / "از محیط" and run_cfg.scrapy_overrides()["USER_AGENT"] == "akhbar-test/2.0"
    assert back_cfg.data_dir == tmp_path / "option" and back_cfg.lake_uri == str(tmp_path / "option" / "lake")
    assert [d.isoformat() for d in back_days] == ["2025-01-06", "2025-01-07"] and len(run_days) == 1


def test_cli_refuses_a_malformed_variable_in_one_line(captured):
    result = CliRunner().invoke(cli.app, ["run", "--date", "2025-01-07"], env={"AKHBAR_QUERY_TIMEOUT": "soon"})
    assert result.exit_code == 2
    assert "AKHBAR_QUERY_TIMEOUT='soon': expected seconds" in result.output
    assert captured == []  # nothing was started


@pytest.mark.parametrize(("name", "raw"), [("AKHBAR_QUERY_TIMEOUT", "inf"), ("AKHBAR_QUERY_TIMEOUT", "1e12"),
                                           ("AKHBAR_QUERY_MEMORY", "-1GB")])
@pytest.mark.parametrize("lean", [True, False], ids=["lean query", "typer query"])
def test_query_refuses_a_bad_limit_in_one_line_writing_nothing(tmp_path, monkeypatch, name, raw, lean):
    """The lean `akhbar query` (akhbar.quickquery) and the typer command answer alike: one line, exit 2."""
    from akhbar import quickquery

    monkeypatch.setenv(name, raw)
    monkeypatch.setattr(cli, "_settings", None)
    data = tmp_path / "data"
    if lean:
        import io
        import sys

        monkeypatch.setattr(sys, "stderr", io.StringIO())
        assert quickquery.main(["query", "select 1", "--data-dir", str(data)]) == 2
        output = sys.stderr.getvalue()
    else:
        result = CliRunner().invoke(cli.app, ["query", "select 1", "--data-dir", str(data)])
        assert result.exit_code == 2
        output = result.output
    assert output.startswith(f"error: {name}={raw!r}") and output.count("\n") == 1, output
    assert not data.exists()
