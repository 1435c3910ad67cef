# The two commands of the README: `make demo` (one night against the local test web) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA_DIR ?= data
DEMO_DATE ?= 2025-01-07

.PHONY: install system demo test test-fast test-faults lint bench bench-extract bench-metadata bench-dedup bench-crawl clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e ".[dev]"
	touch $@

#: pywb (the replay server, and the Wayback stand-in of the back-fill tests) in a venv of its own: it pins
#: redis==2.10.6, which Celery's Redis transport cannot run on
PYWB := $(VENV)/pywb/bin/wayback
$(PYWB): | $(BIN)/.installed
	$(BIN)/uv venv --quiet --clear --python $(PYTHON) $(VENV)/pywb
	$(BIN)/uv pip install --quiet --python $(VENV)/pywb/bin/python "pywb==2.10.0"

#: py-wacz (`wacz validate`, the tests' independent check of our WACZ packages) in a venv of its own: its
#: frictionless dependency brings some fifty packages that akhbar does not use
WACZ := $(VENV)/wacz/bin/wacz
$(WACZ): | $(BIN)/.installed
	$(BIN)/uv venv --quiet --clear --python $(PYTHON) $(VENV)/wacz
	$(BIN)/uv pip install --quiet --python $(VENV)/wacz/bin/python "wacz==0.6.0"

#: ReplayWeb.page's built files (ui.js, sw.js; AGPL, from the npm registry): a reader of our WACZ packages for the
#: tests, served to headless Chromium, never imported; skipped with a note where npm is missing
REPLAYWEBPAGE := $(VENV)/replaywebpage/ui.js
$(REPLAYWEBPAGE):
	@if command -v npm >/dev/null; then mkdir -p $(VENV)/replaywebpage && cd $(VENV)/replaywebpage && \
		npm pack --silent replaywebpage@2.5.3 >/dev/null && tar xzf replaywebpage-2.5.3.tgz --strip-components=1 && \
		rm replaywebpage-2.5.3.tgz; else echo "npm not found: ReplayWeb.page not installed (its test is skipped)"; fi

install: $(BIN)/.installed $(PYWB) $(WACZ) $(REPLAYWEBPAGE)

# Debian packages the full suite starts (Chromium, PostgreSQL, Redis): scripts/system-packages.sh
system:
	bash scripts/system-packages.sh

# the demo's own archive and a fixed test-web port: never mixed with data/ (the real or Airflow archive)
DEMO_DIR ?= $(DATA_DIR)/demo
demo: install
	$(BIN)/akhbar demo --date $(DEMO_DATE) --data-dir $(DEMO_DIR)

lint: install
	$(BIN)/ruff check .

#: two workers, each taking whole test files (--dist loadfile: a file's module fixtures start once); most tests
#: wait on real servers and crawls, so two run in little more than the time of one
TEST_WORKERS ?= 2
test: install system
	$(BIN)/ruff check .
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

# everything but the real Airflow starts (scheduler; Celery/PostgreSQL/Redis/S3 deployment): minutes faster
test-fast: install
	$(BIN)/ruff check .
	$(BIN)/pytest -m "not airflow and not distributed"

# the local Airflow (SQLite, LocalExecutor, the offline test web): environment in scripts/airflow.env
.PHONY: airflow airflow-stop airflow-wait
airflow: install
	bash scripts/airflow-up.sh

airflow-stop:
	bash scripts/airflow-stop.sh

# waits for the latest back-fill of akhbar_nightly to end; exit 1 if a day failed
airflow-wait:
	bash scripts/airflow-wait.sh

test-faults: install
	$(BIN)/pytest -m faults -s

bench: bench-extract bench-metadata bench-dedup bench-crawl

bench-extract: install
	$(BIN)/python -m bench.extract_bench

bench-metadata: install
	$(BIN)/python -m bench.metadata_bench

bench-dedup: install
	$(BIN)/python -m bench.dedup_bench

bench-crawl: install
	$(BIN)/python -m bench.crawl_bench

# revisits (issue 28): requests, bytes and seconds per 1,000 archived articles, next to fetching every page again
bench-revisit: install
	$(BIN)/python -m bench.revisit_bench --days 3

# a 10k-page night over a loopback web of real-size pages, end to end, next to scrapy bench and bare trafilatura
SCALE_WEB_PAGES ?= 10000
.PHONY: bench-scale-web
bench-scale-web: install
	$(BIN)/python -m bench.scale_web --pages $(SCALE_WEB_PAGES)

# a year's lake (365 days x 10 outlets) through akhbar query/summary, next to bare DuckDB on the same files and on
# an optimal copy; generated once into .bench/scale-lake/, figures in .bench/scale_lake.json
SCALE_LAKE_ARTICLES ?= 1000000
.PHONY: bench-scale-lake
bench-scale-lake: install
	$(BIN)/python -m bench.scale_lake --articles $(SCALE_LAKE_ARTICLES)

# issue 14's proof in one command: the year's lake, the 10k-page night, the back-fill orders of dedup
.PHONY: bench-scale bench-export bench-search bench-dedup-backfill
bench-scale: bench-scale-lake bench-scale-web bench-dedup-backfill

bench-dedup-backfill: install
	$(BIN)/python -m bench.dedup_bench --days 30 --outlets 10 --per-day 100 --repeat 1

# akhbar reextract over an archived night (1 and 3 days) next to bare trafilatura on the same WARC records
.PHONY: bench-reextract
bench-reextract: install
	$(BIN)/python -m bench.reextract_bench --pages 2000 --days 1 3

# export's peak memory at two lake sizes next to gathering one table
bench-export: install
	$(BIN)/python -m bench.export_bench

# tantivy search against a text_norm scan (bench/search_fts_duckdb.py: DuckDB fts 1.5.5 in a throwaway venv)
bench-search: install
	$(BIN)/python -m bench.search_bench

clean:
	rm -rf $(VENV) $(DATA_DIR) .pytest_cache .ruff_cache

# the lake two revisions write from the test web (demo + back-fill), row for row; about 2.5 minutes
LAKE_DIFF_BASE ?= HEAD
LAKE_DIFF_HEAD ?= .
.PHONY: lake-diff
lake-diff: install
	$(BIN)/python -m bench.lake_diff --base $(LAKE_DIFF_BASE) --head $(LAKE_DIFF_HEAD) --noise
