"""Row-for-row comparison of the lake two revisions write from the same test web.

``python -m bench.lake_diff --base HEAD~3 --head .`` builds the lake of each side in its own data dir
(a git revision is checked out as a temporary ``git worktree`` in /tmp, removed afterwards; ``.`` is the
working tree as it is; an existing folder is used as the source tree), then compares them table by table:
rows only in base, rows only in head, rows changed (matched by key), columns only on one side. Exit 0 when
identical, 1 when not, 2 when a build failed. ``--noise`` builds base a second time and sets aside the
rows that differ between those two runs (the crawl has some order dependence: see below).
Each build runs with this .venv's python and PYTHONPATH set to the source tree (checked: the child's
``transforms.__file__`` must lie in it; a tree that installs its folders as ``akhbar.*`` gets a temporary
``akhbar/`` of symlinks, the layout of its wheel):

* ``demo``: ``python -m akhbar.cli demo --date 2025-01-07 --data-dir <out>/demo``
* ``backfill``: ``python -m akhbar.testweb serve --port 0 --outlets-dir …`` and
  ``python -m akhbar.cli backfill --from 2025-01-05 --to 2025-01-08`` against it (skipped, with a note,
  when the revision has no ``testweb/__main__.py``). ``--testweb base|head`` serves one side's
  test web to both back-fills, so a change to the test web itself is not taken for a pipeline change.

Excluded columns: they differ between two runs of the same code (found by running the demo twice):

* articles: ``fetched_at``, ``captured_at``, ``warc_file``, ``warc_offset``, ``warc_record_id`` (wall clock — a
  live page's ``captured_at`` is its ``fetched_at`` —, run id in the file name, gzip sizes of records holding dates
  and UUIDs)
* crawl_log: ``fetched_at``, ``captured_at``, ``duration_ms``, ``run_id``, ``warc_file``, ``warc_offset``
* runs: ``run_id``, ``started_at``, ``finished_at``

The test web listens on a random port: ``127.x.y.z:PORT`` and ``localhost:PORT`` in every string become
``127.x.y.z:<port>`` (the host, which tells the sites apart, is kept); a run id inside a string (runs.checks
holds ``"crawl_run_id": "20261201T235528318956Z"``) becomes ``<run-id>``. Keys: articles and duplicates by
``article_id``; crawl_log by ``kind, url, outcome``; runs by day and outlet; all within ``day, outlet``;
a key seen twice (robots.txt is logged by the middleware and the spider) gets an occurrence number.

Known noise (demo + back-fill of the same commit, 4 pairs: 3, 7, 6 and 0 keys differed): crawl_log sometimes
has a neighbour day's ``archive …?page=2/3`` rows and sometimes not: ``_archive`` in
crawler/spiders/outlet_day.py follows the ``{page}`` template only when the page queued new articles, which
depends on whether the sitemaps' responses came first; and an article listed both in the feed
(``?utm_source=rss…``) and in a sitemap is fetched from whichever link came first, so articles.url and its
crawl_log rows vary (article_id, from the canonical URL, does not). duplicates were identical. One request at
a time per site (``concurrency = 1`` in the outlet files) left the same noise (7 keys vs 9): the order in
which Scrapy interleaves start requests with callbacks' requests varies too, so this tool does not change the
crawl. ``--noise`` catches only the noise that shows up in its own repeat, and hides a real change at a noisy
key.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

TABLES = ("articles", "crawl_log", "duplicates", "runs")  # warehouse.schema.TABLES, kept import-free
VOLATILE: dict[str, frozenset[str]] = {
    "articles": frozenset({"fetched_at", "captured_at", "warc_file", "warc_offset", "warc_record_id"}),
    "crawl_log": frozenset({"fetched_at", "captured_at", "duration_ms", "run_id", "warc_file", "warc_offset"}),
    "duplicates": frozenset(),
    "runs": frozenset({"run_id", "started_at", "finished_at"}),
}
KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("day", "outlet", "article_id"),
    "crawl_log": ("day", "outlet", "kind", "url", "outcome"),
    "duplicates": ("day", "outlet", "article_id"),
    "runs": ("day", "outlet"),
}
HOST_PORT = re.compile(r"\b(127(?:\.\d{1,3}){3}|localhost):\d{1,5}\b")
PORT_PLACEHOLDER = r"\1:<port>"
#: run ids (``20261201T235528318956Z``) also appear inside strings: runs.checks' ``crawl_run_id``, WARC names
RUN_ID = re.compile(r"\b\d{8}T\d{6,12}Z\b")
DEMO_DAY = date(2025, 1, 7)
BACKFILL_DAYS = (date(2025, 1, 5), date(2025, 1, 8))
REPO = Path(__file__).resolve().parent.parent
Row = dict[str, Any]
Snapshot = dict[str, list[Row]]


class BuildError(RuntimeError):
    """A side's pipeline could not be run; the message says which step and why."""


# --------------------------------------------------------------------------- snapshot

def _plain(value: Any) -> Any:
    """One cell as a comparable plain value: port placeholder in strings, lists recursively."""
    if isinstance(value, str):
        return RUN_ID.sub("<run-id>", HOST_PORT.sub(PORT_PLACEHOLDER, value))
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _sortable(value: Any) -> str:
    """A total order over mixed cells (None, bytes, datetimes): their JSON text."""
    return json.dumps(value, default=lambda v: v.hex() if isinstance(v, bytes) else str(v),
                      ensure_ascii=False, sort_keys=True)


def _lake_root(data_dir: Path) -> Path:
    """Accept a data dir (holding lake/) or the lake folder itself."""
    return data_dir / "lake" if (data_dir / "lake").is_dir() else data_dir


def read_table(lake: Path, table: str) -> list[Row]:
    """Every partition of one table, with day and outlet from the Hive path (hidden .tmp- files never match)."""
    rows: list[Row] = []
    for part in sorted((lake / table).glob("day=*/outlet=*/*.parquet")):
        day, outlet = part.parent.parent.name.split("=", 1)[1], part.parent.name.split("=", 1)[1]
        for row in pq.read_table(part).to_pylist():
            rows.append({"day": day, "outlet": outlet, **row})
    return rows


def snapshot(data_dir: Path, tables: Sequence[str] = TABLES) -> Snapshot:
    """The lake's tables as sorted plain rows without volatile columns; a missing table is empty."""
    lake = _lake_root(Path(data_dir))
    out: Snapshot = {}
    for table in tables:
        drop = VOLATILE.get(table, frozenset())
        rows = [{k: _plain(v) for k, v in row.items() if k not in drop} for row in read_table(lake, table)]
        keys = KEYS.get(table, ("day", "outlet"))
        rows.sort(key=lambda r: (tuple(_sortable(r.get(k)) for k in keys), _sortable(r)))
        out[table] = rows
    return out


# --------------------------------------------------------------------------- diff

@dataclass
class TableDiff:
    table: str
    rows_a: int
    rows_b: int
    columns_only_a: list[str] = field(default_factory=list)
    columns_only_b: list[str] = field(default_factory=list)
    only_a: list[tuple] = field(default_factory=list)
    only_b: list[tuple] = field(default_factory=list)
    #: key -> {column: (value in a, value in b)} over the columns both sides have
    changed: dict[tuple, dict[str, tuple[Any, Any]]] = field(default_factory=dict)

    @property
    def identical(self) -> bool:
        return not (self.columns_only_a or self.columns_only_b or self.only_a or self.only_b or self.changed)


def _base_table(name: str) -> str:
    """``demo/articles`` -> ``articles``: snapshots of several builds prefix the table with the build."""
    return name.rsplit("/", 1)[-1]


def _keyed(table: str, rows: list[Row]) -> dict[tuple, Row]:
    """Rows by key; the n-th row with the same key (rows are sorted canonically) gets n appended."""
    keys = KEYS.get(_base_table(table), ("day", "outlet"))
    out: dict[tuple, Row] = {}
    seen: dict[tuple, int] = {}
    for row in rows:
        key = tuple(row.get(k) for k in keys)
        n = seen[key] = seen.get(key, 0) + 1
        out[key if n == 1 else (*key, f"#{n}")] = row
    return out


def diff_table(table: str, a: list[Row], b: list[Row]) -> TableDiff:
    cols_a = {c for r in a for c in r}
    cols_b = {c for r in b for c in r}
    result = TableDiff(table, len(a), len(b), sorted(cols_a - cols_b) if b else [],
                       sorted(cols_b - cols_a) if a else [])
    shared = cols_a & cols_b
    ka, kb = _keyed(table, a), _keyed(table, b)
    result.only_a = [k for k in ka if k not in kb]
    result.only_b = [k for k in kb if k not in ka]
    for key in ka.keys() & kb.keys():
        cells = {c: (ka[key].get(c), kb[key].get(c)) for c in sorted(shared) if ka[key].get(c) != kb[key].get(c)}
        if cells:
            result.changed[key] = cells
    result.changed = dict(sorted(result.changed.items(), key=lambda kv: _sortable(kv[0])))
    return result


def diff(a: Snapshot, b: Snapshot) -> list[TableDiff]:
    """Per table (union of both snapshots' tables), what differs between a and b."""
    return [diff_table(t, a.get(t, []), b.get(t, [])) for t in sorted(a.keys() | b.keys())]


def unstable(diffs: list[TableDiff]) -> dict[str, set[tuple]]:
    """Per table, the keys that differ between two builds of the same code: the pipeline's own noise."""
    return {d.table: {*d.only_a, *d.only_b, *d.changed} for d in diffs if not d.identical}


def without(d: TableDiff, keys: set[tuple]) -> TableDiff:
    """The diff minus differences at these keys (columns only one side has still count)."""
    return TableDiff(d.table, d.rows_a, d.rows_b, d.columns_only_a, d.columns_only_b,
                     [k for k in d.only_a if k not in keys], [k for k in d.only_b if k not in keys],
                     {k: v for k, v in d.changed.items() if k not in keys})


def _short(value: Any, width: int = 70) -> str:
    text = value.hex() if isinstance(value, bytes) else _sortable(value)
    return text if len(text) <= width else f"{text[:width - 1]}…"


def _json_delta(x: Any, y: Any, path: str = "") -> list[str]:
    """Leaf paths where two parsed JSON values differ, e.g. ``checks.article_yield.value: 1.33 -> 1.0``."""
    if isinstance(x, dict) and isinstance(y, dict):
        return [line for k in sorted(x.keys() | y.keys(), key=str)
                for line in _json_delta(x.get(k), y.get(k), f"{path}.{k}" if path else str(k))]
    return [] if x == y else [f"{path}: {_short(x, 30)} -> {_short(y, 30)}"]


def _cell_change(column: str, x: Any, y: Any) -> str:
    """One changed cell; a JSON text (runs.checks) shows the keys that changed, not a common prefix."""
    if isinstance(x, str) and isinstance(y, str) and x[:1] in "{[" and y[:1] in "{[":
        try:
            parts = _json_delta(json.loads(x), json.loads(y))
        except ValueError:
            parts = []
        if parts:
            more = f", +{len(parts) - 3} more" if len(parts) > 3 else ""
            return f"{column}: {{{', '.join(parts[:3])}{more}}}"
    return f"{column}: {_short(x, 40)} -> {_short(y, 40)}"


def render(diffs: list[TableDiff], limit: int = 8, names: tuple[str, str] = ("base", "head")) -> list[str]:
    """Compact report lines: one header per table, then at most `limit` rows per kind of difference."""
    na, nb = names
    lines = []
    for d in diffs:
        head = f"{d.table}: {d.rows_a} {na} / {d.rows_b} {nb} rows"
        if d.identical:
            lines.append(f"{head} - identical")
            continue
        lines.append(f"{head} - {len(d.only_a)} only in {na}, {len(d.only_b)} only in {nb}, "
                     f"{len(d.changed)} changed")
        if d.columns_only_a or d.columns_only_b:
            lines.append(f"  columns only in {na}: {d.columns_only_a or '-'}; only in {nb}: {d.columns_only_b or '-'}")
        for sign, keys in (("-", d.only_a), ("+", d.only_b)):
            lines += [f"  {sign} {_short(list(k), 110)}" for k in keys[:limit]]
            if len(keys) > limit:
                lines.append(f"  {sign} … {len(keys) - limit} more")
        for key, cells in list(d.changed.items())[:limit]:
            shown = list(cells.items())[:4]
            what = "; ".join(_cell_change(c, x, y) for c, (x, y) in shown)
            if len(cells) > len(shown):
                what += f"; +{len(cells) - len(shown)} more: {', '.join(list(cells)[len(shown):])}"
            lines.append(f"  ~ {_short(list(key), 80)} {what}")
        if len(d.changed) > limit:
            lines.append(f"  ~ … {len(d.changed) - limit} more")
    return lines


# --------------------------------------------------------------------------- build

def _git(*args: str, cwd: Path = REPO) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if proc.returncode:
        raise BuildError(f"git {' '.join(args)}: {proc.stderr.strip()}")
    return proc.stdout.strip()


@contextmanager
def source_tree(rev_or_worktree: str) -> Iterator[tuple[Path, str]]:
    """The folder whose code a side runs, and a label: `.` / a folder as is, a revision as a temporary worktree."""
    path = Path(rev_or_worktree)
    if rev_or_worktree == "." or path.is_dir():
        root = REPO if rev_or_worktree == "." else path.resolve()
        yield root, f"{root} (working tree)" if rev_or_worktree == "." else str(root)
        return
    sha = _commit(rev_or_worktree)
    tmp = Path(tempfile.mkdtemp(prefix="lake-diff-src-"))
    tree = tmp / "tree"
    _git("worktree", "add", "--detach", str(tree), sha)
    try:
        yield tree, sha[:10] if rev_or_worktree == sha else f"{rev_or_worktree} = {sha[:10]}"
    finally:
        _git("worktree", "remove", "--force", str(tree))
        shutil.rmtree(tmp, ignore_errors=True)


def pin(rev_or_worktree: str) -> str:
    """A revision as its commit id, resolved once: other commits landing mid-run must not change a side."""
    if rev_or_worktree == "." or Path(rev_or_worktree).is_dir():
        return rev_or_worktree
    return _commit(rev_or_worktree)


def _commit(rev: str) -> str:
    try:
        return _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except BuildError:
        raise BuildError(f"{rev!r} is neither a folder nor a git revision of {REPO}") from None


def package_dirs(src: Path) -> dict[str, str]:
    """The tree's setuptools package-dir mapping (``akhbar.transforms`` -> ``transforms``); {} before the layers
    became subpackages of ``akhbar`` (they were top-level packages then)."""
    pyproject = src / "pyproject.toml"
    if not pyproject.is_file():
        return {}
    setuptools = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("setuptools", {})
    return {k: v for k, v in setuptools.get("package-dir", {}).items() if k.startswith("akhbar.")}


_IMPORT_ROOTS: dict[Path, Path] = {}


def import_root(src: Path) -> Path:
    """The folder to put first on PYTHONPATH so that a child imports the tree's code as installed.

    A tree whose folders map into ``akhbar`` gets a temporary ``akhbar/`` of symlinks (the application's files
    plus ``transforms -> <src>/transforms`` and the other layers): the layout its wheel has. Older trees are
    their own root."""
    mapping = package_dirs(src)
    if not mapping:
        return src
    if src not in _IMPORT_ROOTS:
        root = Path(tempfile.mkdtemp(prefix="lake-diff-import-"))
        atexit.register(shutil.rmtree, root, True)
        pkg = root / "akhbar"
        pkg.mkdir()
        for child in (src / "akhbar").iterdir():
            (pkg / child.name).symlink_to(child)
        for name, folder in mapping.items():
            (pkg / name.split(".", 1)[1]).symlink_to(src / folder)
        _IMPORT_ROOTS[src] = root
    return _IMPORT_ROOTS[src]


def _child_env(src: Path) -> dict[str, str]:
    env = dict(os.environ)
    # the project is installed editable from /work/main: the source tree must come first on the path
    env["PYTHONPATH"] = os.pathsep.join([str(import_root(src)), *filter(None, [env.get("PYTHONPATH")])])
    env["COLUMNS"] = "200"
    env.pop("AKHBAR_DATA_DIR", None)
    env.pop("AKHBAR_LAKE_URI", None)
    env.pop("AKHBAR_OUTLETS_DIR", None)
    return env


def check_imports(src: Path, env: dict[str, str]) -> str:
    """The child's transforms.__file__ (symlinks resolved); an error when it is not the source tree's."""
    module = "akhbar.transforms" if package_dirs(src) else "transforms"
    where = subprocess.run([sys.executable, "-P", "-c", f"import {module} as m; print(m.__file__)"], cwd=src,
                           env=env, capture_output=True, text=True, check=True).stdout.strip()
    resolved = Path(where).resolve()
    if not resolved.is_relative_to(src.resolve()):
        raise BuildError(f"child imports transforms from {where}, not from {src}")
    return str(resolved)


def _run(cmd: list[str], src: Path, env: dict[str, str], log: Path) -> int:
    with log.open("w") as fh:
        return subprocess.run(cmd, cwd=src, env=env, stdout=fh, stderr=subprocess.STDOUT, timeout=900).returncode


def testweb_module(src: Path) -> str | None:
    """The test web's module in a source tree: ``testweb/`` installed as ``akhbar.testweb`` now, a top-level
    ``testweb`` before that, and ``akhbar/testweb/`` earlier still."""
    if package_dirs(src):
        return "akhbar.testweb" if (src / "testweb" / "__main__.py").exists() else None
    for module in ("testweb", "akhbar.testweb"):
        if (src / module.replace(".", "/") / "__main__.py").exists():
            return module
    return None


@contextmanager
def served_testweb(src: Path, env: dict[str, str], outlets_dir: Path) -> Iterator[None]:
    """The source tree's test web in a child process, its outlet TOMLs written to outlets_dir."""
    proc = subprocess.Popen([sys.executable, "-P", "-m", testweb_module(src), "serve", "--port", "0", "--outlets-dir",
                             str(outlets_dir)], cwd=src, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    try:
        seen = []
        deadline = time.monotonic() + 60
        for line in proc.stdout:  # type: ignore[union-attr]
            seen.append(line.rstrip())
            if line.strip() == "ready" or time.monotonic() > deadline:
                break
        if not seen or seen[-1] != "ready":
            raise BuildError("test web did not start: " + " | ".join(seen[-5:]))
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def build(rev_or_worktree: str, out_dir: Path, days: tuple[date, date] = BACKFILL_DAYS, demo_day: date = DEMO_DAY,
          backfill: bool = True, testweb_src: Path | None = None) -> list[str]:
    """Run the demo (and the back-fill, when the revision can) of one side into out_dir/demo, out_dir/backfill.

    The back-fill's test web is served from testweb_src when given (a fixed input for both sides), else from
    the side's own tree; the demo always starts its own. Returns notes for the report (source, exit codes,
    timings). A non-zero exit of the pipeline (a failed quality gate) is noted, not fatal: its lake is still
    compared; no lake at all is a BuildError.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    notes = []
    with source_tree(rev_or_worktree) as (src, label):
        env = _child_env(src)
        notes.append(f"source {label}; transforms from {check_imports(src, env)}")
        web = testweb_src or src
        py = [sys.executable, "-P", "-m", "akhbar.cli"]  # -P: the tree (cwd) never shadows PYTHONPATH
        steps = [("demo", [*py, "demo", "--date", demo_day.isoformat(), "--data-dir", str(out_dir / "demo")])]
        if backfill and testweb_module(web):
            steps.append(("backfill", [*py, "backfill", "--from", days[0].isoformat(), "--to", days[1].isoformat(),
                                       "--data-dir", str(out_dir / "backfill"),
                                       "--outlets-dir", str(out_dir / "backfill-outlets")]))
        elif backfill:
            notes.append(f"backfill skipped: no `python -m testweb serve` in {web}")
        for name, cmd in steps:
            started = time.monotonic()
            log = out_dir / f"{name}.log"
            if name == "backfill":
                with served_testweb(web, _child_env(web), out_dir / "backfill-outlets"):
                    rc = _run(cmd, src, env, log)
            else:
                rc = _run(cmd, src, env, log)
            served = f", test web from {web}" if name == "backfill" and web != src else ""
            notes.append(f"{name}: exit {rc} in {time.monotonic() - started:.1f} s{served} (log {log})")
            if not (out_dir / name / "lake").is_dir():
                tail = " | ".join(log.read_text(errors="replace").splitlines()[-3:])
                raise BuildError(f"{name} wrote no lake (exit {rc}): {tail}")
    return notes


def snapshot_build(out_dir: Path) -> Snapshot:
    """Every build's lake under out_dir, tables named ``<build>/<table>``."""
    snap: Snapshot = {}
    for name in ("demo", "backfill"):
        if (out_dir / name / "lake").is_dir():
            snap.update({f"{name}/{t}": rows for t, rows in snapshot(out_dir / name).items()})
    return snap


# --------------------------------------------------------------------------- CLI

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.lake_diff", description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="HEAD", help="git revision, folder, or . (default HEAD)")
    parser.add_argument("--head", default=".", help="git revision, folder, or . = the working tree (default)")
    parser.add_argument("--keep", action="store_true", help="keep the data dirs (their paths are printed)")
    parser.add_argument("--no-backfill", action="store_true", help="the demo day only")
    parser.add_argument("--noise", action="store_true",
                        help="build base twice; rows that differ between those two runs are listed, not counted")
    parser.add_argument("--testweb", choices=("own", "base", "head"), default="own",
                        help="whose test web the back-fill crawls: each side its own (default), or one for both "
                             "(tells a pipeline change from a test-web change; the demo always uses its own)")
    parser.add_argument("--limit", type=int, default=8, help="rows shown per kind of difference and table")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="lake-diff-"))
    started = time.monotonic()
    try:
        snaps = {}
        base, head = pin(args.base), pin(args.head)
        print(f"base: {args.base} -> {base}; head: {args.head} -> {head}", flush=True)
        with ExitStack() as trees:  # each revision checked out once, for all its builds and its test web
            src = {side: trees.enter_context(source_tree(rev))[0] for side, rev in (("base", base), ("head", head))}
            web = None if args.testweb == "own" else src[args.testweb]
            sides = [("base", "base"), ("head", "head")] + ([("base-again", "base")] if args.noise else [])
            for side, tree in sides:
                t0 = time.monotonic()
                for note in build(str(src[tree]), work / side, backfill=not args.no_backfill, testweb_src=web):
                    print(f"{side}: {note}", flush=True)
                snaps[side] = snapshot_build(work / side)
                print(f"{side}: built in {time.monotonic() - t0:.1f} s", flush=True)
        diffs = diff(snaps["base"], snaps["head"])
        if args.noise:
            noise = diff(snaps["base"], snaps["base-again"])
            noisy = unstable(noise)
            print(f"noise (base twice): {sum(map(len, noisy.values()))} keys differ, ignored below")
            print("\n".join(line for line in render(noise, args.limit, ("base", "base-again"))
                            if not line.endswith("identical")))
            diffs = [without(d, noisy.get(d.table, set())) for d in diffs]
        print("\n".join(render(diffs, args.limit)))
        same = all(d.identical for d in diffs)
        print(f"lakes {'identical' if same else 'differ'} ({time.monotonic() - started:.1f} s)")
        return 0 if same else 1
    except (BuildError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if args.keep:
            print(f"data dirs kept: {' '.join(str(p) for p in sorted(work.iterdir()) if p.is_dir())}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
