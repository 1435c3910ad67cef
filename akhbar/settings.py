"""The one settings object: every environment variable the project reads, read in one place, once.

The CLI reads it in its typer callback (options such as ``--data-dir`` win over the environment), each
Airflow task reads it when it starts, the DAG files when they are parsed. Nothing below this package reads
the environment: the values reach the warehouse, the crawler and the outlet registry as parameters.

=============================== ==================== ====================================================
variable                        default              meaning
=============================== ==================== ====================================================
``AKHBAR_DATA_DIR``             ``data``             WARC files, crawl logs, locks, ``akhbar.duckdb``
``AKHBAR_LAKE_URI``             ``<data>/lake``      the Parquet lake, a path or fsspec URL (``s3://…``)
``AKHBAR_OUTLETS_DIR``          packaged ``outlets`` folder of outlet TOML files
``AKHBAR_USER_AGENT``           crawler's default    User-Agent: your crawler and contact (warns once if unset)
``AKHBAR_ENABLE_OUTLETS``       none                 disabled outlets to crawl knowingly: slugs, comma-separated
``AKHBAR_SCRAPY_LOG_LEVEL``     ``INFO``             Scrapy's LOG_LEVEL in the crawl process
``AKHBAR_CRAWL_SETTINGS``       ``{}``               JSON object of Scrapy settings (win over the two above)
``AKHBAR_QUALITY_THRESHOLDS``   none                 JSON text or a JSON file's path, see :mod:`akhbar.quality`
``AKHBAR_QUERY_TIMEOUT``        ``60``               seconds a query, search, trend or plot may run (≤ 86400)
``AKHBAR_QUERY_MEMORY``         ``2GB``              memory of a query, search, trend or plot (32MB … 1TB)
``AKHBAR_CRAWL_QUEUE``          Airflow's default    Celery queue of the outlet (crawl) tasks (DAG parse time)
``AKHBAR_CPU_QUEUE``            Airflow's default    Celery queue of dedup, publish, gate, upkeep (DAG parse)
``AKHBAR_RETRY_DELAY_SECONDS``  ``300``              first retry delay of an outlet task (DAG parse time)
``AKHBAR_WAYBACK_URL``          web.archive.org/web  the Wayback Machine's replay base (``<base>/<ts>id_/<url>``)
``AKHBAR_WAYBACK_CDX_URL``      …/cdx/search/cdx     the Wayback Machine's CDX API
``AKHBAR_CC_INDEX_URL``         a CC-MAIN index      Common Crawl index server endpoint of one crawl
``AKHBAR_CC_DATA_URL``          data.commoncrawl.org where Common Crawl's WARC files are fetched (ranges)
``AKHBAR_WAYBACK_RATE``         ``20``               requests per minute to each Wayback host
``AKHBAR_CC_RATE``              ``30``               requests per minute to each Common Crawl host
``AKHBAR_NIGHTLY_START``        ``2024-01-01``       the nightly DAG's start date (DAG parse time)
``AKHBAR_ON_FAILURE``           none                 ``module:function`` called when an Airflow task fails
``AKHBAR_PYWB_BIN``             ``<venv>/pywb/bin``  pywb's own venv's bin folder (wayback, python): `akhbar replay`
``AKHBAR_REPLAY_URL``           ``127.0.0.1:8090``   where `akhbar replay` serves: the base of every replay address
``AKHBAR_REQUISITES_PER_PAGE``  ``3``                an article's lead image and stylesheets fetched (0: none)
``AKHBAR_REQUISITES_PER_NIGHT`` ``2000``             requisites fetched by one outlet-day crawl, at most
``AKHBAR_REQUISITE_MAX_BYTES``  ``2097152``          bytes of one requisite, at most (a bigger one: too_large)
=============================== ==================== ====================================================

An empty variable counts as unset. A malformed value is a ValueError naming the variable.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from akhbar import outlets
from akhbar.crawler import settings as scrapy_defaults

if TYPE_CHECKING:
    from akhbar.warehouse.lake import Lake

# Only light imports here: the CLI reads these settings before every command, `akhbar --help` included.
# The query limits equal warehouse.duck's defaults and the folder outlets.registry's (tests/test_settings.py).
DEFAULT_DATA_DIR = Path("data")
PACKAGED_OUTLETS_DIR = Path(outlets.__file__).parent
DEFAULT_QUERY_TIMEOUT = 60.0
DEFAULT_QUERY_MEMORY = "2GB"
#: the longest AKHBAR_QUERY_TIMEOUT (a day): beyond it a timer cannot be set (inf) or the limit means nothing
MAX_QUERY_TIMEOUT = 86_400.0
#: AKHBAR_QUERY_MEMORY's range in bytes: DuckDB needs some memory to run at all; above a terabyte is a typo
MIN_QUERY_MEMORY = 32 * 10**6
MAX_QUERY_MEMORY = 10**12
#: units of AKHBAR_QUERY_MEMORY, lower-case, as DuckDB's memory_limit reads them (k/kb… decimal, kib… binary)
MEMORY_UNITS = {"b": 1, "k": 10**3, "kb": 10**3, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9, "t": 10**12,
                "tb": 10**12, "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}
DEFAULT_RETRY_DELAY_SECONDS = 300.0
#: the web archives a back-fill reads (crawler.archives.DEFAULTS holds the same; tests/test_backfill_archives.py)
DEFAULT_WAYBACK_URL = "https://web.archive.org/web"
DEFAULT_WAYBACK_CDX_URL = "https://web.archive.org/cdx/search/cdx"
DEFAULT_CC_INDEX_URL = "https://index.commoncrawl.org/CC-MAIN-2025-05-index"
DEFAULT_CC_DATA_URL = "https://data.commoncrawl.org"
DEFAULT_WAYBACK_RATE = 20.0
DEFAULT_CC_RATE = 30.0
DEFAULT_NIGHTLY_START = date(2024, 1, 1)
#: `akhbar replay`'s default address (loopback only) and port
DEFAULT_REPLAY_URL = "http://127.0.0.1:8090"


def _env(name: str) -> dict[str, str]:
    """Field metadata: the environment variable a field is read from."""
    return {"env": name}


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default=DEFAULT_DATA_DIR, metadata=_env("AKHBAR_DATA_DIR"))
    #: None: ``<data_dir>/lake`` (see :attr:`lake_uri`)
    lake_uri_override: str | None = field(default=None, metadata=_env("AKHBAR_LAKE_URI"))
    outlets_dir: Path = field(default=PACKAGED_OUTLETS_DIR, metadata=_env("AKHBAR_OUTLETS_DIR"))
    user_agent: str = field(default=scrapy_defaults.USER_AGENT, metadata=_env("AKHBAR_USER_AGENT"))
    #: disabled outlets (``enabled = false``: their terms or robots.txt refuse crawling) the user enables knowingly
    enabled_outlets: frozenset[str] = field(default_factory=frozenset, metadata=_env("AKHBAR_ENABLE_OUTLETS"))
    scrapy_log_level: str = field(default=scrapy_defaults.LOG_LEVEL, metadata=_env("AKHBAR_SCRAPY_LOG_LEVEL"))
    crawl_settings: Mapping[str, str] = field(default_factory=dict, metadata=_env("AKHBAR_CRAWL_SETTINGS"))
    #: the source text (JSON or a file path), parsed by quality.load_overrides when the gate runs
    quality_thresholds: str = field(default="", metadata=_env("AKHBAR_QUALITY_THRESHOLDS"))
    query_timeout: float = field(default=DEFAULT_QUERY_TIMEOUT, metadata=_env("AKHBAR_QUERY_TIMEOUT"))
    query_memory: str = field(default=DEFAULT_QUERY_MEMORY, metadata=_env("AKHBAR_QUERY_MEMORY"))
    #: Celery queues of the DAG tasks; empty: Airflow's [operators] default_queue (any executor, one queue)
    crawl_queue: str = field(default="", metadata=_env("AKHBAR_CRAWL_QUEUE"))
    cpu_queue: str = field(default="", metadata=_env("AKHBAR_CPU_QUEUE"))
    retry_delay_seconds: float = field(default=DEFAULT_RETRY_DELAY_SECONDS,
                                       metadata=_env("AKHBAR_RETRY_DELAY_SECONDS"))
    wayback_url: str = field(default=DEFAULT_WAYBACK_URL, metadata=_env("AKHBAR_WAYBACK_URL"))
    wayback_cdx_url: str = field(default=DEFAULT_WAYBACK_CDX_URL, metadata=_env("AKHBAR_WAYBACK_CDX_URL"))
    cc_index_url: str = field(default=DEFAULT_CC_INDEX_URL, metadata=_env("AKHBAR_CC_INDEX_URL"))
    cc_data_url: str = field(default=DEFAULT_CC_DATA_URL, metadata=_env("AKHBAR_CC_DATA_URL"))
    wayback_rate: float = field(default=DEFAULT_WAYBACK_RATE, metadata=_env("AKHBAR_WAYBACK_RATE"))
    cc_rate: float = field(default=DEFAULT_CC_RATE, metadata=_env("AKHBAR_CC_RATE"))
    #: with catchup off, unpausing creates a run only for days from here on (scripts/airflow.env: first start)
    nightly_start: date = field(default=DEFAULT_NIGHTLY_START, metadata=_env("AKHBAR_NIGHTLY_START"))
    #: "module:function" given the Airflow context of a failed task (see akhbar.airflow_support.on_failure)
    on_failure: str = field(default="", metadata=_env("AKHBAR_ON_FAILURE"))
    #: None: ``pywb/bin`` in the venv next to this Python's (akhbar.replay); pywb pins redis, so it has its own venv
    pywb_bin_override: Path | None = field(default=None, metadata=_env("AKHBAR_PYWB_BIN"))
    replay_url: str = field(default=DEFAULT_REPLAY_URL, metadata=_env("AKHBAR_REPLAY_URL"))
    #: an article page's requisites (crawler.requisites): per page, per outlet-day crawl, bytes of each
    requisites_per_page: int = field(default=scrapy_defaults.AKHBAR_REQUISITES_PER_PAGE,
                                     metadata=_env("AKHBAR_REQUISITES_PER_PAGE"))
    requisites_per_night: int = field(default=scrapy_defaults.AKHBAR_REQUISITES_PER_NIGHT,
                                      metadata=_env("AKHBAR_REQUISITES_PER_NIGHT"))
    requisite_max_bytes: int = field(default=scrapy_defaults.AKHBAR_REQUISITE_MAX_BYTES,
                                     metadata=_env("AKHBAR_REQUISITE_MAX_BYTES"))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings from ``environ`` (default: this process's environment); unset or empty: the default."""
        env = os.environ if environ is None else environ
        raw = {f.name: env.get(f.metadata["env"], "").strip() for f in fields(cls)}
        given = {name: value for name, value in raw.items() if value}
        parsers = {
            "data_dir": Path, "outlets_dir": Path, "pywb_bin_override": Path,
            "crawl_settings": lambda v: _json_object("AKHBAR_CRAWL_SETTINGS", v),
            "enabled_outlets": _slugs,
            "query_timeout": _query_timeout,
            "query_memory": _query_memory,
            "retry_delay_seconds": lambda v: _positive("AKHBAR_RETRY_DELAY_SECONDS", v, "300"),
            "wayback_rate": lambda v: _rate("AKHBAR_WAYBACK_RATE", v),
            "cc_rate": lambda v: _rate("AKHBAR_CC_RATE", v),
            "nightly_start": lambda v: _day("AKHBAR_NIGHTLY_START", v),
            "requisites_per_page": lambda v: _count("AKHBAR_REQUISITES_PER_PAGE", v),
            "requisites_per_night": lambda v: _count("AKHBAR_REQUISITES_PER_NIGHT", v),
            "requisite_max_bytes": lambda v: _count("AKHBAR_REQUISITE_MAX_BYTES", v, least=1),
        }
        return cls(**{name: parsers.get(name, str)(value) for name, value in given.items()})

    @classmethod
    def variables(cls) -> dict[str, str]:
        """Environment variable -> field name, for every field."""
        return {f.metadata["env"]: f.name for f in fields(cls)}

    @property
    def lake_uri(self) -> str:
        """The lake's URI: AKHBAR_LAKE_URI, else ``<data dir>/lake`` (absolute)."""
        return self.lake_uri_override or str(self.data_dir.resolve() / "lake")

    @property
    def lake(self) -> Lake:
        from akhbar.warehouse.lake import Lake

        return Lake(self.lake_uri)

    @property
    def query_memory_bytes(self) -> int:
        """AKHBAR_QUERY_MEMORY in bytes, as DuckDB reads it (``2GB`` is 2·10⁹, ``2GiB`` 2³¹)."""
        return memory_bytes(self.query_memory)

    @property
    def nightly_start_at(self) -> datetime:
        """The nightly DAG's start_date: midnight UTC of ``nightly_start``."""
        return datetime(self.nightly_start.year, self.nightly_start.month, self.nightly_start.day, tzinfo=UTC)

    def queue(self, kind: str) -> dict[str, str]:
        """Task arguments putting a ``crawl`` or ``cpu`` task on its queue: none when the queue is not set."""
        name = {"crawl": self.crawl_queue, "cpu": self.cpu_queue}[kind]
        return {"queue": name} if name else {}

    @property
    def retry_delay(self) -> timedelta:
        return timedelta(seconds=self.retry_delay_seconds)

    def scrapy_overrides(self) -> dict[str, str]:
        """Scrapy settings the crawl runs with: identity, log level and requisite caps, then AKHBAR_CRAWL_SETTINGS on
        top."""
        return {"USER_AGENT": self.user_agent, "LOG_LEVEL": self.scrapy_log_level,
                "AKHBAR_REQUISITES_PER_PAGE": str(self.requisites_per_page),
                "AKHBAR_REQUISITES_PER_NIGHT": str(self.requisites_per_night),
                "AKHBAR_REQUISITE_MAX_BYTES": str(self.requisite_max_bytes), **self.crawl_settings}

    @property
    def user_agent_warning(self) -> str | None:
        """What to say when the crawl would identify itself with the shipped User-Agent, which names nobody to
        contact (neither AKHBAR_USER_AGENT nor a USER_AGENT in AKHBAR_CRAWL_SETTINGS set); else None."""
        if self.scrapy_overrides()["USER_AGENT"] != scrapy_defaults.USER_AGENT:
            return None
        return (f"AKHBAR_USER_AGENT is not set: crawling as {scrapy_defaults.USER_AGENT!r}, which names no contact; "
                "set it to your crawler's name and a URL or e-mail where site owners can reach you")

    def warn_user_agent(self, emit: Callable[[str], object]) -> None:
        """Say :attr:`user_agent_warning` through ``emit``, once per process (a run of many days warns once)."""
        global _USER_AGENT_WARNED
        message = self.user_agent_warning
        if message and not _USER_AGENT_WARNED:
            _USER_AGENT_WARNED = True
            emit(message)

    def archive_overrides(self, source: str) -> dict[str, str]:
        """Scrapy settings of a crawl from ``source`` (live, wayback, commoncrawl): the archives and their limits."""
        return {"AKHBAR_SOURCE": source, "AKHBAR_WAYBACK_URL": self.wayback_url,
                "AKHBAR_WAYBACK_CDX_URL": self.wayback_cdx_url, "AKHBAR_CC_INDEX_URL": self.cc_index_url,
                "AKHBAR_CC_DATA_URL": self.cc_data_url, "AKHBAR_WAYBACK_RATE": str(self.wayback_rate),
                "AKHBAR_CC_RATE": str(self.cc_rate)}

    def with_options(self, *, data_dir: Path | None = None, lake_uri: str | None = None,
                     outlets_dir: Path | None = None) -> Settings:
        """These settings with command-line options (None: not given) taking precedence."""
        changes = {"data_dir": data_dir, "lake_uri_override": lake_uri, "outlets_dir": outlets_dir}
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


#: where a crawl fetches from (crawler.archives); ``auto`` is all of them in this order, each run taking only what
#: the runs before it did not archive
CAPTURE_SOURCES = ("live", "wayback", "commoncrawl")


def capture_sources(source: str) -> tuple[str, ...]:
    """The sources a back-fill with ``--source`` (live, wayback, commoncrawl or auto) runs, in order."""
    if source == "auto":
        return CAPTURE_SOURCES
    if source not in CAPTURE_SOURCES:
        raise ValueError(f"source {source!r}: expected live, wayback, commoncrawl or auto")
    return (source,)


#: fsspec protocols whose files live inside this process: a lake there ends with the command that wrote it
PROCESS_LOCAL_PROTOCOLS = frozenset({"memory"})
#: fsspec protocols of S3 (s3fs)
S3_PROTOCOLS = frozenset({"s3", "s3a"})
#: where botocore looks for credentials, in its order (named in the error when it finds none)
AWS_CREDENTIAL_SOURCES = ("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ~/.aws/credentials, ~/.aws/config "
                          "or a container or instance role")


def check_lake(uri: str, *, writes: bool) -> None:
    """The lake URI a command is about to use: a ValueError naming what is wrong before anything is written or read.

    A ``memory://`` lake (fsspec's in-process filesystem) is refused to a command that writes: another command could
    never read what it wrote. An ``s3://`` lake needs s3fs and credentials botocore can find (the same chain s3fs
    uses), else the first request fails deep inside s3fs; an unknown protocol or one whose package is missing is
    named. The Python API (akhbar.api, the pipeline) takes any fsspec URL: this is the command line's check."""
    import fsspec

    protocols = set()
    for part in uri.split("::"):  # a chained URL: simplecache::s3://…
        protocol = fsspec.core.split_protocol(part)[0] or "file"
        try:
            fsspec.get_filesystem_class(protocol)
        except (ImportError, ValueError) as exc:
            raise ValueError(f"lake {uri}: {exc}") from None
        protocols.add(protocol)
    if writes and protocols & PROCESS_LOCAL_PROTOCOLS:
        raise ValueError(f"lake {uri}: a memory:// lake lives only inside one command, so nothing written there "
                         "could be read again: give a folder or an object store URL (s3://…)")
    if protocols & S3_PROTOCOLS:
        missing = _s3_credentials_problem()
        if missing:
            raise ValueError(f"lake {uri}: {missing}")


def _s3_credentials_problem() -> str | None:
    """Why s3fs would find no credentials (botocore's own chain), or None: found, or anonymous access configured."""
    import fsspec
    from botocore.exceptions import BotoCoreError
    from botocore.session import Session

    configured = fsspec.config.conf.get("s3", {})  # FSSPEC_S3_* variables: fsspec hands them to s3fs
    if configured.get("anon") or configured.get("key"):
        return None
    try:
        found = Session().get_credentials()
    except BotoCoreError as exc:  # e.g. "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY"
        return f"AWS credentials: {exc}"
    if found is None:
        return (f"no AWS credentials found (none in {AWS_CREDENTIAL_SOURCES}): set AWS_ACCESS_KEY_ID and "
                "AWS_SECRET_ACCESS_KEY")
    return None


def settings() -> Settings:
    """This process's settings, read from the environment now (each Airflow task calls it once)."""
    return Settings.from_env()


def _positive(name: str, raw: str, example: str, unit: str = "seconds") -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r}: expected {unit}, e.g. {example}") from None
    if not value > 0:
        raise ValueError(f"{name}={raw!r}: must be more than 0 {unit}")
    return value


def _count(name: str, raw: str, least: int = 0) -> int:
    """A whole number of at least ``least`` (requisite caps)."""
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        raise ValueError(f"{name}={raw!r}: expected a whole number, e.g. 3") from None
    if value < least:
        raise ValueError(f"{name}={raw!r}: must be at least {least}")
    return value


def _query_timeout(raw: str) -> float:
    value = _positive("AKHBAR_QUERY_TIMEOUT", raw, "60")
    if not value <= MAX_QUERY_TIMEOUT:  # inf and nan too
        raise ValueError(f"AKHBAR_QUERY_TIMEOUT={raw!r}: at most {MAX_QUERY_TIMEOUT:g} seconds (a day)")
    return value


_MEMORY = re.compile(r"(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)", re.IGNORECASE)


def memory_bytes(raw: str) -> int:
    """A memory size such as ``2GB``, ``1.5GiB`` or ``500MB`` in bytes; ValueError if it is not one."""
    found = _MEMORY.fullmatch(raw.strip())
    if found is None or found[2].lower() not in MEMORY_UNITS:
        raise ValueError(f"{raw!r} is not a memory size: expected a number and a unit ({', '.join(_UNIT_NAMES)}), "
                         "e.g. 2GB")
    return int(float(found[1]) * MEMORY_UNITS[found[2].lower()])


_UNIT_NAMES = ("B", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB")


def _query_memory(raw: str) -> str:
    try:
        size = memory_bytes(raw)
    except ValueError as exc:
        raise ValueError(f"AKHBAR_QUERY_MEMORY={raw!r}: {str(exc).split(': ', 1)[1]}") from None
    if not MIN_QUERY_MEMORY <= size <= MAX_QUERY_MEMORY:
        raise ValueError(f"AKHBAR_QUERY_MEMORY={raw!r}: must be from 32MB to 1TB")
    return raw


def _day(name: str, raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r}: expected a day, e.g. 2025-01-07") from None


#: set once the missing-User-Agent warning was given in this process (Settings.warn_user_agent)
_USER_AGENT_WARNED = False
_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{1,40}")


def _slugs(raw: str) -> frozenset[str]:
    """AKHBAR_ENABLE_OUTLETS: outlet slugs separated by commas (blanks around them ignored)."""
    slugs = [s.strip() for s in raw.split(",") if s.strip()]
    bad = [s for s in slugs if not _SLUG.fullmatch(s)]
    if bad:
        raise ValueError(f"AKHBAR_ENABLE_OUTLETS={raw!r}: {bad[0]!r} is not an outlet slug; expected slugs separated "
                         "by commas, e.g. bbcpersian,bbcarabic")
    return frozenset(slugs)


def _rate(name: str, raw: str) -> float:
    return _positive(name, raw, "20", "requests per minute")


def _json_object(name: str, raw: str) -> dict[str, str]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{name}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a JSON object of Scrapy settings, got {type(data).__name__}")
    return {str(k): str(v) for k, v in data.items()}


def console_width(is_terminal: bool) -> int | None:
    """The CLI's table width: the terminal's (or COLUMNS); piped output (files, CI logs, README examples) gets
    200 columns, so whole table rows are kept instead of 80-column wrapping."""
    return None if is_terminal or "COLUMNS" in os.environ else 200


#: variables that make rich treat piped output as a terminal (colours, cursor codes)
RICH_TERMINAL_VARS = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES")


def piped_width(is_terminal: bool) -> int | None:
    """The width the CLI's rich console prints at when rich would print no colour or terminal code (output piped,
    none of RICH_TERMINAL_VARS set), found without importing rich (akhbar.quickquery); None: let rich decide."""
    if is_terminal or any(os.environ.get(v) for v in RICH_TERMINAL_VARS):
        return None
    columns = os.environ.get("COLUMNS")  # as console_width, then rich: COLUMNS when it is a number
    if columns is None:
        return 200
    return int(columns) if columns.isdigit() else None
