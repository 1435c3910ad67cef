"""Quality gate of one outlet-day: measure the published partitions, compare with thresholds, record.

The gate reads what the lake holds for the outlet-day (``articles``, ``crawl_log`` and, when dedup
has run, ``duplicates``), so it judges exactly what readers will see. Verdicts go to the lake's
``runs`` table (one partition per day and outlet, newest runs kept), queryable in SQL:
``akhbar query "select day, outlet, status, checks from runs"``.

Thresholds: the defaults of :class:`Thresholds`, overridden by ``AKHBAR_QUALITY_THRESHOLDS`` (JSON
text, or the path of a JSON file; :mod:`akhbar.settings` reads it, callers pass the parsed overrides):
``{"*": {"max_null_published_rate": 0.5}, "SLUG": {...}}`` — ``*``
applies to every outlet, a slug to that outlet only (slug wins).

Besides the night's own measures, two kinds of checks:

* **walls** (``blocked_rate``): article fetches answered by a bot wall (crawl-log ``blocked``,
  :mod:`akhbar.transforms.blockwall`); mostly walls fails the outlet-day as ``blocked by <vendor>``.
* **outlet health**: the night against the outlet's own baseline, read from the ``runs`` table (:func:`baseline`):
  the median articles of the same weekday over the last ``baseline_weeks`` weeks (``volume_drop``), and the median
  empty-body, missing-title and missing-date rates of those weeks' nights (``extraction_drift.*``). An outlet with
  fewer than ``baseline_min_nights`` such nights has no baseline and never fails on health.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from statistics import median
from typing import Any

from akhbar.crawler.requisites import REQUISITE
from akhbar.transforms.blockwall import vendor_of
from akhbar.warehouse import schema
from akhbar.warehouse.duck import EXTRACT_RUN_ID
from akhbar.warehouse.lake import CorruptPartition, Lake
from akhbar.warehouse.runs import RUNS_KEPT, failed_run_row, latest_run, record_run  # noqa: F401 (re-exported)

THRESHOLDS_ENV = "AKHBAR_QUALITY_THRESHOLDS"
#: crawl-log outcomes that mean a fetch went wrong (others are normal: skipped, other_day, offsite…)
FAILED_OUTCOMES = frozenset(schema.FAILED_OUTCOMES)
#: extract-stage outcomes that account for a fetched article page kept out of the day's rows (with a reason); a
#: status-200 wall the crawl took for the page is accounted for by the extract stage's ``blocked`` line
ACCOUNTED_OUTCOMES = frozenset(schema.REJECTED_OUTCOMES) | {schema.CrawlOutcome.BLOCKED.value}
#: outcomes of pages published on another day: not expected among the day's rows (not_on_day: older runs)
OFF_DAY_OUTCOMES = frozenset({schema.CrawlOutcome.OTHER_DAY.value, schema.CrawlOutcome.NOT_ON_DAY.value})
BLOCKED = schema.CrawlOutcome.BLOCKED.value
#: crawl outcomes of a URL that was asked for and answered (or failed on the way): what a wall's share is taken of
ANSWERED_OUTCOMES = frozenset({"ok", BLOCKED} | {o.value for o in (
    schema.CrawlOutcome.HTTP_ERROR, schema.CrawlOutcome.NETWORK_ERROR, schema.CrawlOutcome.TIMEOUT,
    schema.CrawlOutcome.TOO_LARGE)})
#: runs statuses of a night the gate measured (a ``failed`` night was not archived: no baseline counts it)
JUDGED = frozenset({"ok", "gate_failed"})
#: the health rates, by the name of their extraction_drift check and its threshold
DRIFT_RATES = {"empty_body": "max_empty_body_jump", "missing_title": "max_missing_title_jump",
               "missing_date": "max_missing_date_jump"}


class QualityGateFailed(RuntimeError):
    """One or more outlet-days are below their thresholds (or were not archived at all)."""


@dataclass(frozen=True)
class Thresholds:
    min_articles: int = 1
    #: articles / article pages fetched that were on the day; below it, extraction lost pages
    min_article_yield: float = 0.7
    #: article rows whose URL is nowhere in the crawl log (must be none: every row comes from a fetch)
    max_rows_without_fetch: int = 0
    #: article pages fetched with status 200 that are neither a row nor logged not_article / extract_failed /
    #: other_day with a reason (must be none: nothing fetched is lost)
    max_unaccounted_fetches: int = 0
    max_fetch_failure_rate: float = 0.25
    max_null_title_rate: float = 0.05
    max_null_text_rate: float = 0.02
    max_null_published_rate: float = 0.2
    max_language_mismatch_rate: float = 0.1
    max_duplicate_rate: float = 0.5
    #: article fetches answered by a bot wall (of the article URLs fetched; with none fetched, of every fetch: a wall
    #: in front of robots.txt stops the rest); over it the outlet-day fails as ``blocked by <vendor>``
    max_blocked_rate: float = 0.5
    # -- outlet health: the night against the outlet's own baseline (the runs table's earlier nights)
    #: weeks of history a baseline reads: the same weekday of each for volume, every night of them for the rates
    baseline_weeks: int = 4
    #: nights a baseline needs (same-weekday nights for volume); with fewer the outlet is young: never failed on health
    baseline_min_nights: int = 3
    #: a night more than this fraction below its weekday's median articles fails as ``volume_drop``
    max_volume_drop: float = 0.4
    #: a rise of more than this many share points over the baseline's median fails as ``extraction_drift``: bodies
    #: empty or under 200 characters (rows and pages rejected for having none), rows without a title, rows without a
    #: date of the page's own (null, or the listing's in its place)
    max_empty_body_jump: float = 0.25
    max_missing_title_jump: float = 0.25
    max_missing_date_jump: float = 0.25
    #: article pages a night needs before its rates are compared (and count in a baseline): fewer are noise
    drift_min_pages: int = 5


@dataclass(frozen=True)
class Metrics:
    articles: int
    fetched: int
    failed_fetches: int
    article_pages: int  # distinct article URLs fetched ok, less those rejected as published on another day
    rows_without_fetch: int
    null_title_rate: float
    null_text_rate: float
    null_published_rate: float
    language_mismatch_rate: float
    duplicate_rate: float | None  # None: dedup has not written this outlet-day
    unaccounted_fetches: int = 0  # status-200 article fetches in no row and no accounting log line
    blocked: int = 0  # URLs a bot wall answered: article URLs, or any when no article URL was fetched
    blocked_of: int = 0  # the URLs answered they are counted among
    blocked_articles: bool = True  # blocked / blocked_of count article URLs (else every fetch)
    blocked_by: tuple[tuple[str, int], ...] = ()  # wall vendors and their blocked URLs, most first
    drift_pages: int = 0  # article pages the health rates are taken of: rows and pages rejected for no body
    empty_body_rate: float = 0.0
    missing_date_rate: float = 0.0  # rows whose date is not the page's own (none, or the listing's)

    @property
    def fetch_failure_rate(self) -> float:
        return _rate(self.failed_fetches, self.fetched)

    @property
    def blocked_rate(self) -> float:
        return _rate(self.blocked, self.blocked_of)

    @property
    def health(self) -> dict[str, Any]:
        """The night's health rates as the runs row keeps them (``checks`` JSON, ``health``) for later baselines."""
        return {"articles": self.articles, "drift_pages": self.drift_pages, "empty_body": self.empty_body_rate,
                "missing_title": self.null_title_rate, "missing_date": self.missing_date_rate}

    @property
    def article_yield(self) -> float:
        return 1.0 if self.article_pages == 0 else self.articles / self.article_pages


@dataclass(frozen=True)
class Check:
    name: str
    value: float | None
    threshold: float
    ok: bool
    detail: str | None = None  # what a failure says instead of name=value (limit …): «blocked by cloudflare: …»


@dataclass
class GateResult:
    outlet: str
    day: date
    metrics: Metrics
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failed_checks(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def describe(self) -> str:
        bad = "; ".join(c.detail or f"{c.name}={_fmt(c.value)} (limit {_fmt(c.threshold)})"
                        for c in self.failed_checks)
        return f"{self.outlet} {self.day}: " + (bad or "ok")

    def run_row(self, run_id: str, started_at: datetime | None, extra: Mapping[str, Any] | None = None) -> dict:
        m = self.metrics
        checks = {c.name: {"value": c.value, "threshold": c.threshold, "ok": c.ok} | ({"detail": c.detail}
                                                                                    if c.detail else {})
                  for c in self.checks}
        extra = {"health": m.health, **({"blocked_by": dict(m.blocked_by)} if m.blocked_by else {}), **(extra or {})}
        return {
            "run_id": run_id,
            "status": "ok" if self.ok else "gate_failed",
            "started_at": started_at,
            "finished_at": datetime.now(UTC),
            "articles": m.articles,
            "fetched": m.fetched,
            "failed_fetches": m.failed_fetches,
            "null_title_rate": m.null_title_rate,
            "null_text_rate": m.null_text_rate,
            "null_published_rate": m.null_published_rate,
            "language_mismatch_rate": m.language_mismatch_rate,
            "duplicate_rate": m.duplicate_rate,
            "checks": json.dumps({"checks": checks, **extra}, ensure_ascii=False, sort_keys=True, default=str),
            "error": None if self.ok else self.describe(),
        }


# -- thresholds -------------------------------------------------------------------------------
def load_overrides(source: str = "") -> dict[str, dict[str, float]]:
    """Overrides from JSON text or a JSON file path (``Settings.quality_thresholds``; empty: none)."""
    if not source.strip():
        return {}
    text = source if source.lstrip().startswith("{") else Path(source).read_text(encoding="utf-8")
    data = json.loads(text)
    known = {f.name for f in fields(Thresholds)}
    for scope, values in data.items():
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"{THRESHOLDS_ENV}: unknown threshold(s) {sorted(unknown)} for {scope!r}")
    return data


def thresholds_for(outlet: str, overrides: Mapping[str, Mapping[str, float]] | None = None) -> Thresholds:
    overrides = overrides or {}
    return replace(Thresholds(), **{**overrides.get("*", {}), **overrides.get(outlet, {})})


# -- measuring --------------------------------------------------------------------------------
def measure(articles: list[dict], crawl_log: list[dict], duplicates: list[dict] | None,
            day: date | None = None) -> Metrics:
    """Metrics of one outlet-day from its rows (plain dicts as pyarrow's to_pylist gives them).

    With ``day``, rows whose WARC record another day's crawl archived (handed over to this day: that
    day's crawl log has the fetch) are not counted as rows without a fetch."""
    n = len(articles)
    latest = latest_run_rows(crawl_log)
    fetched_urls = {u for r in crawl_log for u in (r.get("url"), r.get("final_url")) if u}
    page = lambda r: r.get("final_url") or r["url"]  # noqa: E731
    ok_pages = {page(r) for r in crawl_log if r.get("kind") == "article" and r.get("outcome") == "ok"}
    off_day = {page(r) for r in crawl_log if r.get("outcome") in OFF_DAY_OUTCOMES}
    own_warc = f"warc/day={day.isoformat()}/" if day else ""
    duplicate_rate = None
    if duplicates is not None:
        ids = {r["article_id"] for r in articles}
        not_canonical = {d["article_id"] for d in duplicates if d["article_id"] in ids
                         and d["canonical_id"] != d["article_id"]}
        duplicate_rate = _rate(len(not_canonical), n)
    return Metrics(
        articles=n,
        # an article's lead image or stylesheet (crawler.requisites) is neither a page nor a page's failure
        fetched=sum(1 for r in latest if r.get("kind") != REQUISITE),
        failed_fetches=sum(1 for r in latest if r.get("outcome") in FAILED_OUTCOMES and r.get("kind") != REQUISITE),
        article_pages=len(ok_pages - off_day),
        rows_without_fetch=sum(1 for r in articles if r["url"] not in fetched_urls
                               and not (own_warc and r.get("warc_file") and not r["warc_file"].startswith(own_warc))),
        null_title_rate=_rate(sum(1 for r in articles if not (r.get("title") or "").strip()), n),
        null_text_rate=_rate(sum(1 for r in articles if not (r.get("text") or "").strip()), n),
        null_published_rate=_rate(sum(1 for r in articles if r.get("published_at") is None), n),
        language_mismatch_rate=_rate(sum(1 for r in articles if r.get("language_mismatch")), n),
        duplicate_rate=duplicate_rate,
        unaccounted_fetches=len(unaccounted_fetches(articles, crawl_log)),
        **walls(latest),
        **health_rates(articles, latest, day),
    )


def walls(latest: list[dict]) -> dict[str, Any]:
    """How many URLs of the newest run a bot wall answered (``blocked`` lines of the crawl, and of the extract stage
    for a status-200 wall the crawl took for the page), of how many answered, and by which vendors. Article URLs
    when any was fetched; else every URL (a wall in front of robots.txt or the listings stops the articles)."""
    page = lambda r: r.get("final_url") or r["url"]  # noqa: E731
    answered = [r for r in latest if r.get("outcome") in ANSWERED_OUTCOMES]
    articles = [r for r in answered if r.get("kind") == "article"]
    rows = articles or answered
    of = {(r.get("kind"), page(r)) for r in rows}
    walled: dict[tuple[str | None, str], str] = {}
    for r in rows:
        if r.get("outcome") == BLOCKED:
            walled.setdefault((r.get("kind"), page(r)), vendor_of(r.get("reason")) or "unknown")
    vendors = Counter(walled.values()).most_common()
    return {"blocked": len(walled), "blocked_of": len(of), "blocked_articles": bool(articles),
            "blocked_by": tuple(vendors)}


def health_rates(articles: list[dict], latest: list[dict], day: date | None = None) -> dict[str, Any]:
    """The night's extraction-health rates over its article pages: the rows, and the pages the extract stage
    rejected for having no body text (a redesign that empties bodies turns rows into those; with ``day``, those a
    listing dates on another day are that day's). Empty body: none, or under the extract stage's SHORT_TEXT
    characters."""
    from akhbar.pipeline.steps import NO_BODY_REASONS, SHORT_TEXT

    def ours(r: dict) -> bool:
        listed = r.get("listed_at")
        return day is None or listed is None or listed.date() == day

    no_body = {r.get("final_url") or r["url"] for r in latest if r.get("outcome") == schema.CrawlOutcome.NOT_ARTICLE
               and r.get("reason") in NO_BODY_REASONS and ours(r)}
    pages = len(articles) + len(no_body)
    short = sum(1 for r in articles if len((r.get("text") or "").strip()) < SHORT_TEXT)
    undated = sum(1 for r in articles if r.get("published_at") is None or r.get("date_estimated"))
    return {"drift_pages": pages, "empty_body_rate": _rate(short + len(no_body), pages),
            "missing_date_rate": _rate(undated, len(articles))}


def latest_run_rows(crawl_log: list[dict]) -> list[dict]:
    """The crawl-log rows of the outlet-day's latest crawl run, and the extract stage's lines (made again by
    every load). Run ids are UTC times, so the greatest is the newest; earlier runs' lines stay in the lake
    (their pages still account for rows) but are not added to the counts of fetches and failures."""
    runs = {r.get("run_id") for r in crawl_log} - {EXTRACT_RUN_ID, None}
    newest = max(runs, default=None)
    return [r for r in crawl_log if r.get("run_id") in (newest, EXTRACT_RUN_ID) or r.get("run_id") is None]


def unaccounted_fetches(articles: list[dict], crawl_log: list[dict]) -> set[str]:
    """Article pages (their URLs after redirects) the crawl fetched with status 200 that are in no row of
    the day and have no not_article / extract_failed / other_day line with a reason."""
    from akhbar.transforms.identity import normalize_url

    fetched = {r.get("final_url") or r["url"] for r in crawl_log
               if r.get("kind") == "article" and r.get("status") == 200 and r.get("outcome") == "ok"}
    accounted = {normalize_url(r["url"]) for r in articles}
    accounted |= {normalize_url(r.get("final_url") or r["url"]) for r in crawl_log
                  if r.get("outcome") in ACCOUNTED_OUTCOMES and r.get("reason")}
    return {u for u in fetched if normalize_url(u) not in accounted}


def evaluate(m: Metrics, t: Thresholds, base: Baseline | None = None) -> list[Check]:
    """The checks of one outlet-day's metrics; ``base``: the outlet's baseline (None, or too young: health passes)."""
    checks = [
        Check("min_articles", m.articles, t.min_articles, m.articles >= t.min_articles),
        Check("article_yield", m.article_yield, t.min_article_yield, m.article_yield >= t.min_article_yield),
        Check("rows_without_fetch", m.rows_without_fetch, t.max_rows_without_fetch,
              m.rows_without_fetch <= t.max_rows_without_fetch),
        Check("unaccounted_fetches", m.unaccounted_fetches, t.max_unaccounted_fetches,
              m.unaccounted_fetches <= t.max_unaccounted_fetches),
    ]
    for name, value, limit in [
        ("fetch_failure_rate", m.fetch_failure_rate, t.max_fetch_failure_rate),
        ("null_title_rate", m.null_title_rate, t.max_null_title_rate),
        ("null_text_rate", m.null_text_rate, t.max_null_text_rate),
        ("null_published_rate", m.null_published_rate, t.max_null_published_rate),
        ("language_mismatch_rate", m.language_mismatch_rate, t.max_language_mismatch_rate),
        ("duplicate_rate", m.duplicate_rate, t.max_duplicate_rate),
    ]:
        # an unmeasured rate (no dedup yet) passes: the gate cannot hold back what it cannot see
        checks.append(Check(name, value, limit, value is None or value <= limit))
    checks.append(blocked_check(m, t))
    checks += health_checks(m, t, base)
    return checks


def blocked_check(m: Metrics, t: Thresholds) -> Check:
    rate = m.blocked_rate
    ok = rate <= t.max_blocked_rate
    vendors = ", ".join(v for v, _ in m.blocked_by) or "a wall"
    what = "article fetches" if m.blocked_articles else "fetches (no article fetched)"
    detail = None if ok else (f"blocked by {vendors}: {m.blocked} of {m.blocked_of} {what} ({rate:.0%}, limit "
                              f"{t.max_blocked_rate:.0%})")
    return Check("blocked_rate", rate, t.max_blocked_rate, ok, detail)


def health_checks(m: Metrics, t: Thresholds, base: Baseline | None) -> list[Check]:
    """volume_drop and extraction_drift.<rate> against the outlet's baseline; a check without a baseline (a young
    outlet, a night of too few pages) is unmeasured (value None) and passes."""
    drop, volume_detail = None, None
    if base is not None and base.articles is not None and base.articles > 0:
        drop = 1 - m.articles / base.articles
        volume_detail = (f"volume_drop: {m.articles} articles against a baseline of {base.articles:g} (median of "
                         f"{base.volume_nights} {base.day:%A}s before; {drop:.0%} below, "
                         f"limit {t.max_volume_drop:.0%})")
    checks = [Check("volume_drop", drop, t.max_volume_drop, drop is None or drop <= t.max_volume_drop,
                    volume_detail)]
    values = {"empty_body": m.empty_body_rate, "missing_title": m.null_title_rate, "missing_date": m.missing_date_rate}
    words = {"empty_body": "empty bodies", "missing_title": "missing titles", "missing_date": "missing dates"}
    for rate, limit_name in DRIFT_RATES.items():
        limit = getattr(t, limit_name)
        usual = base.rates.get(rate) if base is not None and m.drift_pages >= t.drift_min_pages else None
        jump = None if usual is None else values[rate] - usual
        detail = None if jump is None else (
            f"extraction_drift: {words[rate]} {values[rate]:.0%} of {m.drift_pages} pages against a baseline of "
            f"{usual:.0%} ({base.rate_nights} nights; +{jump:.0%}, limit +{limit:.0%})")
        checks.append(Check(f"extraction_drift.{rate}", jump, limit, jump is None or jump <= limit, detail))
    return checks


# -- outlet health: the baseline ----------------------------------------------------------------
@dataclass(frozen=True)
class Night:
    """One judged night of an outlet as its newest runs row tells it."""

    day: date
    articles: int
    rates: dict[str, float]  # the health rates (empty_body, missing_title, missing_date), those the row has
    drift_pages: int
    walled: bool  # its blocked_rate check failed: its volume is the wall's, not the outlet's
    status: str
    checks: dict[str, Any] = field(default_factory=dict)  # the row's checks, by name
    error: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Night:
        try:
            data = json.loads(row.get("checks") or "{}")
        except ValueError:
            data = {}
        checks = data.get("checks") or {}
        health = data.get("health") or {}
        rates = {k: float(health[k]) for k in DRIFT_RATES if health.get(k) is not None}
        if "missing_title" not in rates and row.get("null_title_rate") is not None:  # rows older than the health
            rates["missing_title"] = float(row["null_title_rate"])
        walled = (checks.get("blocked_rate") or {}).get("ok") is False
        return cls(row["day"], int(row.get("articles") or 0), rates,
                   int(health.get("drift_pages", row.get("articles") or 0)), walled, row.get("status") or "",
                   checks, row.get("error"))


@dataclass(frozen=True)
class Baseline:
    """What an outlet usually gives on the nights before ``day`` (None where the history is too short)."""

    day: date
    articles: float | None  # median articles of the same weekday
    volume_nights: int
    rates: dict[str, float]  # median health rates of the window's nights
    rate_nights: int


def history(lake: Lake, outlet: str, before: date, weeks: int) -> list[Night]:
    """The outlet's nights (newest runs row of each) in the ``weeks`` before ``before``; an unreadable runs file of
    another night is left out."""
    days = [before - timedelta(days=i) for i in range(1, int(weeks * 7) + 1)]
    corrupt: list[CorruptPartition] = []
    table = lake.read("runs", days=days, listing=lake.listing("runs").for_outlet(outlet), corrupt=corrupt)
    return nights(r for r in table.to_pylist() if r["outlet"] == outlet)


def nights(rows: Iterable[Mapping[str, Any]]) -> list[Night]:
    """The newest runs row of each day (judged, or failed before it could be), as Nights in day order."""
    newest: dict[date, Mapping[str, Any]] = {}
    for r in rows:
        when = r.get("finished_at") or datetime.min.replace(tzinfo=UTC)
        kept = newest.get(r["day"])
        if kept is None or when >= (kept.get("finished_at") or datetime.min.replace(tzinfo=UTC)):
            newest[r["day"]] = r
    return [Night.from_row(newest[d]) for d in sorted(newest)]


def baseline(past: Iterable[Night], day: date, t: Thresholds) -> Baseline:
    """The baseline of ``day`` from the judged nights before it (status ok or gate_failed) within ``baseline_weeks``
    weeks, walled nights left out. Volume: the median articles of the same weekday (``baseline_min_nights`` of them
    needed); rates: the median of each rate over the nights with at least ``drift_min_pages`` pages (as many
    needed)."""
    first = day - timedelta(weeks=t.baseline_weeks)
    window = [n for n in past if first <= n.day < day and not n.walled and n.status in JUDGED]
    weekday = [n.articles for n in window if n.day.weekday() == day.weekday()]
    articles = median(weekday) if len(weekday) >= t.baseline_min_nights else None
    rated = [n for n in window if n.drift_pages >= t.drift_min_pages]
    rates = {}
    for rate in DRIFT_RATES:
        values = [n.rates[rate] for n in rated if rate in n.rates]
        if len(values) >= t.baseline_min_nights:
            rates[rate] = median(values)
    return Baseline(day, articles, len(weekday), rates, len(rated))


def outlet_baseline(lake: Lake, outlet: str, day: date, t: Thresholds) -> Baseline:
    return baseline(history(lake, outlet, day, t.baseline_weeks), day, t)


def gate_outlet_day(lake: Lake, day: date, outlet: str, thresholds: Thresholds | None = None) -> GateResult:
    """Measure and judge what the lake holds for one outlet-day."""
    articles = _rows(lake, "articles", day, outlet) or []
    crawl_log = _rows(lake, "crawl_log", day, outlet) or []
    duplicates = _rows(lake, "duplicates", day, outlet)
    metrics = measure(articles, crawl_log, duplicates, day)
    t = thresholds or thresholds_for(outlet)
    return GateResult(outlet, day, metrics, evaluate(metrics, t, outlet_baseline(lake, outlet, day, t)))


# -- the runs table ---------------------------------------------------------------------------
def raise_if_failed(results: Iterable[GateResult], not_archived: Mapping[str, str]) -> None:
    problems = [r.describe() for r in results if not r.ok]
    problems += [f"{slug}: not archived ({why})" for slug, why in sorted(not_archived.items())]
    if problems:
        raise QualityGateFailed("quality gate failed for " + "; ".join(problems))


def outage(crawl: Mapping[str, int], thresholds: Thresholds) -> str | None:
    """Why a crawl's outcome counts mean the outlet was down (None: it answered).

    No successful fetch at all, or more failed fetches than the gate's ``max_fetch_failure_rate`` allows:
    the outlet-day is then a failure of the run (its task retries), not a thin day to publish as ok. A bot wall
    (``blocked`` lines, no fetch ok) is no outage: the outlet answered, the gate names the wall."""
    total = sum(crawl.values())
    failed = sum(n for outcome, n in crawl.items() if outcome in FAILED_OUTCOMES)
    detail = ", ".join(f"{outcome} {n}" for outcome, n in sorted(crawl.items()) if outcome in FAILED_OUTCOMES)
    if not crawl.get("ok") and crawl.get(BLOCKED):
        return None  # a wall answered, not a dead site: the gate fails it naming the vendor (blocked_rate)
    if not crawl.get("ok"):  # every outcome says why (an unreachable robots.txt gives robots_denied)
        every = ", ".join(f"{outcome} {n}" for outcome, n in sorted(crawl.items()) if n)
        return f"outage: no successful fetch ({every or 'nothing fetched'})"
    rate = _rate(failed, total)
    if rate > thresholds.max_fetch_failure_rate:
        return (f"outage: {failed} of {total} fetches failed ({rate:.0%}, limit "
                f"{thresholds.max_fetch_failure_rate:.0%}: {detail})")
    return None


def judge_day(lake: Lake, day: date, run_id: str, published: Mapping[str, Mapping[str, Any]],
              failed: Mapping[str, str | None], overrides: Mapping[str, Mapping[str, float]] | None = None,
              ) -> tuple[list[GateResult], dict[str, str]]:
    """The quality gate of a day as the DAG's quality_gate task and ``akhbar run`` both run it.

    Each published outlet-day is judged and its runs row recorded (``published`` maps the slug to the
    archive's summary: started_at, crawl_run_id, try_number, crawl, rejected). Each failed one keeps the
    ``failed`` row this run recorded, else gets one (with the error given, or "task failed before
    publishing"). ``overrides``: the parsed AKHBAR_QUALITY_THRESHOLDS. Returns the verdicts and, per failed
    slug, why it failed."""
    verdicts = []
    failed = dict(failed)
    for slug, res in published.items():
        try:
            verdict = gate_outlet_day(lake, day, slug, thresholds_for(slug, overrides))
        except CorruptPartition as exc:  # that outlet's file, that outlet's failure: the others are judged
            failed[slug] = f"cannot judge: {exc}"
            continue
        started = res.get("started_at")
        started = datetime.fromisoformat(started) if isinstance(started, str) else started
        extra = {k: res.get(k) for k in RUN_SUMMARY_KEYS}
        record_run(lake, day, slug, verdict.run_row(run_id, started, extra))
        verdicts.append(verdict)
    not_archived = {}
    for slug, error in failed.items():
        last = latest_run(lake, day, slug)
        if last is None or last["run_id"] != run_id:  # nothing recorded why (e.g. the task died)
            record_run(lake, day, slug, failed_run_row(run_id, error or "task failed before publishing"))
            last = latest_run(lake, day, slug)
        not_archived[slug] = (last or {}).get("error") or "failed"
    return verdicts, not_archived


#: what a runs row keeps of the archive's summary (quality_gate's ``published`` values)
RUN_SUMMARY_KEYS = ("crawl_run_id", "try_number", "crawl", "rejected")


def rejudge(lake: Lake, day: date, outlet: str, run_id: str, note: Mapping[str, Any],
            overrides: Mapping[str, Mapping[str, float]] | None = None) -> GateResult | None:
    """Judge an outlet-day again after another day's run changed its rows (articles handed over to it), so its
    newest runs row counts what it holds; None when it was never judged (its own run will judge it). The new row
    keeps the crawl summary of the last one and adds ``note`` under ``"changed_by"``."""
    last = latest_run(lake, day, outlet)
    if last is None or last["status"] == "failed":
        return None
    try:
        before = json.loads(last.get("checks") or "{}")
    except ValueError:
        before = {}
    verdict = gate_outlet_day(lake, day, outlet, thresholds_for(outlet, overrides))
    extra = {k: before[k] for k in RUN_SUMMARY_KEYS if k in before} | {"changed_by": {"run_id": run_id, **note}}
    record_run(lake, day, outlet, verdict.run_row(run_id, last.get("started_at"), extra))
    return verdict


def _rows(lake: Lake, table: str, day: date, outlet: str) -> list[dict] | None:
    t = lake.read_partition(table, day, outlet)
    return None if t is None else t.to_pylist()


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _fmt(v: float | None) -> str:
    return "n/a" if v is None else (f"{v:.3g}" if isinstance(v, float) else str(v))


# -- outlet health over a range: `akhbar outlets health` ------------------------------------------
@dataclass(frozen=True)
class HealthNight:
    """One judged night of an outlet beside its baseline (as the gate saw it), for the health report and chart."""

    outlet: str
    night: Night
    base: Baseline
    failed: tuple[str, ...]  # the checks that failed that night (the gate's record)

    @property
    def change(self) -> float | None:
        """Articles against the weekday's median: -0.5 is half of it (None: no baseline)."""
        if self.base.articles is None or self.base.articles <= 0:
            return None
        return self.night.articles / self.base.articles - 1

    @property
    def verdict(self) -> str:
        if self.night.status not in JUDGED:
            return f"{self.night.status}: {self.night.error or ''}".rstrip(": ")
        if self.night.status == "ok":
            return "ok"
        health = [c for c in self.failed if c == "volume_drop" or c.startswith("extraction_drift")]
        walls = ["blocked"] if "blocked_rate" in self.failed else []
        return ", ".join(health + walls + [c for c in self.failed if c not in health and c != "blocked_rate"])


def health_report(lake: Lake, outlets: Iterable[str] = (), first: date | None = None, last: date | None = None,
                  overrides: Mapping[str, Mapping[str, float]] | None = None) -> list[HealthNight]:
    """Each judged night of the outlets (all when none given) from ``first`` to ``last`` (default: the four weeks up
    to the newest judged night) beside the baseline the gate compares it with (per outlet thresholds)."""
    wanted = set(outlets)
    rows = [r for r in lake.read("runs", corrupt=[]).to_pylist() if not wanted or r["outlet"] in wanted]
    by_outlet: dict[str, list[Mapping[str, Any]]] = {}
    for r in rows:
        by_outlet.setdefault(r["outlet"], []).append(r)
    out = []
    for outlet, its_rows in sorted(by_outlet.items()):
        t = thresholds_for(outlet, overrides)
        past = nights(its_rows)
        if not past:
            continue
        end = last or past[-1].day
        start = first or end - timedelta(weeks=t.baseline_weeks) + timedelta(days=1)
        for n in past:
            if start <= n.day <= end:
                failed = tuple(name for name, c in n.checks.items() if isinstance(c, dict) and c.get("ok") is False)
                out.append(HealthNight(outlet, n, baseline(past, n.day, t), failed))
    return out
