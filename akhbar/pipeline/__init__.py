"""One night of the archive, stage by stage: crawl -> WARC -> extract -> lake -> DuckDB.

- :mod:`akhbar.pipeline.night`: the stages (crawl, extract, load) and ``run_day``, which runs them for a day;
- :mod:`akhbar.pipeline.page`: the one document type of the extract stage, a ``Page`` (archived response,
  listing evidence, extraction, date decision, article, placement or rejection);
- :mod:`akhbar.pipeline.steps`: the extract stage as small ``Page -> Page`` steps (read, extract, screen, date,
  build, place: keep / hand over / reject with a reason);
- :mod:`akhbar.pipeline.executor`: how the extract step runs (in-process or a process pool, a per-page limit);
- :mod:`akhbar.pipeline.dedup`: the dedup stage (``dedup_day``, ``dedup_range``).

Nothing fetched is lost: each article record a crawl archived lands in exactly one articles partition,
its *home day* (:func:`home_day`: the page's trusted date, reconciled with the listing's date, which the
crawl log keeps as listed_at / listed_by), or is logged ``not_article`` / ``extract_failed`` /
``extract_timeout`` with the reason. Records another day owns are logged ``other_day`` (home_day + WARC
pointer), stored in that day's ``handovers`` partition and merged into its articles partition by the same run,
whether or not that day is ever run (its own run reads its hand-overs by key and takes them again from the
WARC, exactly once), so days may be run in any order.
"""

from akhbar.pipeline.dedup import DedupResult, dedup_day, dedup_range
from akhbar.pipeline.executor import EXTRACT_TIMEOUT_S, PageTimeout
from akhbar.pipeline.night import OutletDayResult, new_run_id, run_day
from akhbar.pipeline.steps import home_day

__all__ = ["EXTRACT_TIMEOUT_S", "DedupResult", "OutletDayResult", "PageTimeout", "dedup_day", "dedup_range", "home_day",
           "new_run_id", "run_day"]
