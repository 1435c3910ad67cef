"""Scale benchmark of one night: a loopback web of N articles over M outlets at real page sizes, through
``akhbar run`` end to end, next to baselines measured in the same run.

The web is the test web's server and page builders (``testweb``) over a generated catalog: N articles of
one UTC day spread over M outlets (the four test-web layouts, then copies of the Arabic aggregator's layout),
each with its own Persian or Arabic text drawn from the test web's stories' words, padded to a real page's
size with the scripts, styles and link lists a news page carries. Some articles are planted copies of
another outlet's article, and some copies of those copies (lightly edited), so dedup has work.

Figures, in turns:
- ``akhbar run`` as a subprocess (an outlets dir of its own, download delay 0): wall time and peak RSS of
  its whole process tree (the crawler, the pool and the fork server included), sampled from /proc, and the
  CPU seconds of each part (crawler, pool, the stage process, and this process's own: the test web's server);
- ``scrapy bench``: pages/s of Scrapy's own loopback benchmark (the crawl's ceiling on this machine);
- bare trafilatura (``bare_extraction`` with metadata) on a sample of the same pages on every core for real (one
  forked process per core, wall time), before the night and after it: this VM's speed drifts by a third within
  minutes, and two busy processes do not run as fast as one core's CPU time doubled.

Run: ``python -m bench.scale_web --pages 10000`` (``make bench-scale-web``); ``--outlets M`` (default 10).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from akhbar.testweb import pages
from akhbar.testweb import sites as test_sites
from akhbar.testweb.content import DATA_DIR, ID_BASE, TODAY, Article, Catalog
from akhbar.testweb.server import TestWeb, _outlet_toml, html_response
from akhbar.testweb.sites import SECTIONS, SITES, Site

DAY = TODAY - timedelta(days=1)
REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
#: shares of the articles that are a planted copy of another outlet's article, and a copy of such a copy
COPY_SHARE, COPY_OF_COPY_SHARE = 0.05, 0.02
#: bytes of page furniture (inline scripts and styles, menus) added to each article page: a real news page
#: weighs 100-250 KB of HTML around a few KB of text
PAD_BYTES = 110_000
_WORD = re.compile(r"[^\W\d_]{2,}")


# -- the web --------------------------------------------------------------------------------------------
def scale_sites(outlets: int) -> list[Site]:
    """M sites: the four test-web layouts, then the aggregator's layout again under new names and addresses."""
    sites = [replace(s, archive_page_size=50) for s in SITES[:outlets]]
    for k in range(len(sites), outlets):
        # the aggregator's pages under a dated archive path (its own ?date= archive is routed by its slug alone)
        sites.append(replace(SITES[3], index=k + 1, slug=f"ar-scale{k + 1}", name=f"Scale {k + 1}",
                             name_native=f"موقع {k + 1}", archive_page_size=50,
                             archive_template=SITES[2].archive_template))
        test_sites._ARCHIVE_RE[sites[-1].slug] = test_sites._ARCHIVE_RE[SITES[2].slug]
    return sites


def _vocabulary() -> dict[str, list[str]]:
    words: dict[str, list[str]] = {}
    for lang in ("fa", "ar"):
        stories = json.loads((DATA_DIR / f"articles_{lang}.json").read_text(encoding="utf-8"))
        text = " ".join(" ".join([s.get("title", ""), *s.get("paragraphs", [])]) for s in stories)
        words[lang] = sorted(set(_WORD.findall(text)))
    return words


def _paragraphs(rng: random.Random, words: list[str]) -> list[str]:
    sentences = lambda n: " ".join(" ".join(rng.choices(words, k=rng.randint(9, 18))) + "." for _ in range(n))  # noqa: E731
    return [sentences(rng.randint(3, 5)) for _ in range(rng.randint(5, 9))]


def scale_catalog(sites: list[Site], n: int, seed: int = 14) -> Catalog:
    """N articles of the UTC day DAY over the sites, with planted copies and copies of copies."""
    rng = random.Random(seed)
    words = _vocabulary()
    cat = Catalog.__new__(Catalog)
    cat.today = TODAY
    cat.by_site = {s.slug: [] for s in sites}
    start = datetime.combine(DAY, datetime.min.time(), UTC) + timedelta(hours=2)  # inside every site's local day
    made: list[Article] = []
    for i in range(n):
        site = sites[i % len(sites)]
        when = start + timedelta(seconds=int(i * 18 * 3600 / max(n, 1)))
        kin = [a for a in made if a.site.language == site.language and a.site.slug != site.slug]
        roll = rng.random()
        source = rng.choice(kin) if kin and roll < COPY_SHARE + COPY_OF_COPY_SHARE else None
        if source is not None and roll >= COPY_SHARE:  # a copy of a copy: prefer a copy as the source
            source = next((a for a in reversed(kin) if a.original is not None), source)
        if source is None:
            title = " ".join(rng.choices(words[site.language], k=rng.randint(6, 10)))
            paras = _paragraphs(rng, words[site.language])
        else:
            title, paras = source.title, list(source.paragraphs)
            if source.original is not None:  # a copy of a copy loses its last sentence
                paras[-1] = paras[-1].rsplit(".", 2)[0] + "."
        art = Article(key=f"x{i}", site=site, number=0, section=rng.choice(list(SECTIONS)), title=title,
                      author=None, tags=[], credit=None, paragraphs=paras,
                      published_local=when.astimezone(ZoneInfo(site.timezone)), modified_local=None,
                      url_slug=f"story-{i}", original=source)
        made.append(art)
        cat.by_site[site.slug].append(art)
    cat._paths, cat._short = {}, {}
    for slug, arts in cat.by_site.items():
        base, step = ID_BASE.get(slug, (100000, 1))
        for k, art in enumerate(arts):
            art.number = base + k * step
    for art in cat.all():
        cat._paths[(art.site.slug, unquote(art.path))] = art
        if art.short_path:
            cat._short[(art.site.slug, art.short_path)] = art
    return cat


def _padding(rng: random.Random) -> str:
    """A real page's weight of furniture: an inline script, a style block and a long menu, all outside the story."""
    blob = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=PAD_BYTES // 2))
    links = "".join(f'<li><a href="/section/{k}">{k} {j}</a></li>' for j in range(PAD_BYTES // 400)
                    for k in list(SECTIONS)[:1])
    return (f'<script>window.__STATE__={{"ads":"{blob}"}};</script>\n<style>.x{{content:"{blob[:PAD_BYTES // 4]}"}}'
            f'</style>\n<nav class="mega-menu"><ul>{links}</ul></nav>\n')


class ScaleWeb(TestWeb):
    """The test web's server over a generated catalog and sites, article pages padded to a real size."""

    def __init__(self, pages_n: int, outlets: int) -> None:
        super().__init__(faults=False)
        self.sites = scale_sites(outlets)
        self.catalog = scale_catalog(self.sites, pages_n)
        self._pad = _padding(random.Random(7))

    def _article_response(self, art: Article, base: str, gzip_ok: bool):
        html = pages.article_page(art, self.catalog, base).replace("</body>", self._pad + "</body>", 1)
        return html_response(art.site, html)

    def site(self, slug: str) -> Site:
        return next(s for s in self.sites if s.slug == slug)

    def write_outlet_configs(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        for site in self.sites:
            toml = _outlet_toml(site, self.port).replace("concurrency = 4", "concurrency = 8")
            (directory / f"{site.slug}.toml").write_text(toml, encoding="utf-8")
        return directory


# -- measuring ------------------------------------------------------------------------------------------
_TICK = os.sysconf("SC_CLK_TCK")


def _role(pid: int, root: int, cmdline: str) -> str:
    """Which part of the night a process of ``akhbar run``'s tree is."""
    if pid == root:
        return "akhbar (stage: WARC reads, lake, dedup)"
    if "akhbar.crawler.run" in cmdline:
        return "crawler (Scrapy, WARC writing)"
    if "multiprocessing" in cmdline:
        return "pool workers + fork server"
    return "other"


def _tree(root: int) -> tuple[int, dict[int, tuple[str, float]]]:
    """(bytes of resident memory of ``root`` and all its descendants now, {pid: (role, CPU seconds so far)})."""
    total, todo, seen, cpu = 0, [root], set(), {}
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) * 1024 if "VmRSS" in status else 0
            stat = Path(f"/proc/{pid}/stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            cpu[pid] = (_role(pid, root, cmdline), (int(fields[11]) + int(fields[12])) / _TICK)
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError, ValueError):
            continue
    return total, cpu


def _tree_rss(root: int) -> int:
    """Bytes of resident memory of ``root`` and all its descendants now."""
    return _tree(root)[0]


class Measured:
    """What ``run_measured`` saw: wall seconds, peak RSS of the tree, exit code, output, CPU seconds per role
    (each process's last sample, so a process that lived under 0.2 s is missed) and this process's own CPU
    over the run (the test web's server threads and the sampler)."""

    def __init__(self, wall: float, peak: int, code: int, out: str, cpu: dict[str, float], own_cpu: float) -> None:
        self.wall, self.peak, self.code, self.out, self.cpu, self.own_cpu = wall, peak, code, out, cpu, own_cpu

    def __iter__(self):  # (wall, peak, code, out), as before
        return iter((self.wall, self.peak, self.code, self.out))


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> Measured:
    """Wall seconds, peak RSS of the process tree in bytes, exit code, output and CPU per role of ``cmd``."""
    own_start = time.process_time()
    start = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = [0]
    last: dict[int, tuple[str, float]] = {}

    def sample() -> None:
        while proc.poll() is None:
            rss, cpu = _tree(proc.pid)
            peak[0] = max(peak[0], rss)
            last.update(cpu)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    sampler.join()
    wall, own = time.monotonic() - start, time.process_time() - own_start
    if proc.returncode:
        print(out[-3000:], file=sys.stderr)
    roles: dict[str, float] = {}
    for role, seconds in last.values():
        roles[role] = roles.get(role, 0.0) + seconds
    return Measured(wall, peak[0], proc.returncode, out, roles, own)


def scrapy_bench(seconds: int = 10) -> float:
    """Pages/s of ``scrapy bench`` on this machine (its own loopback server and spider)."""
    out = subprocess.run([str(BIN / "scrapy"), "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}", "-s", "LOG_LEVEL=INFO"],
                         capture_output=True, text=True, cwd=tempfile.gettempdir(), check=False)
    rates = [float(m) for m in re.findall(r"Crawled \d+ pages \(at (\d+) pages/min\)", out.stdout + out.stderr)]
    return max(rates[1:] or rates or [0.0]) / 60


def sample_pages(web: ScaleWeb, sample: int) -> list[tuple[bytes, str]]:
    """(body, URL) of ``sample`` of the web's article pages, fetched from it."""
    docs = []
    for art in web.catalog.all()[:: max(1, len(web.catalog.all()) // sample)][:sample]:
        url = web.article_url(art)
        with urllib.request.urlopen(url, timeout=30) as resp:
            docs.append((resp.read(), url))
    return docs


def _bare(records: list[tuple[bytes, str]]) -> int:
    import trafilatura

    for body, url in records:
        trafilatura.bare_extraction(body, url=url, with_metadata=True)
    return len(records)


def bare_on_cores(records: list[tuple[bytes, str]], cores: int) -> float:
    """Pages/s of bare trafilatura (extract + metadata) over ``records`` on ``cores`` forked processes, wall time
    (the records dealt round-robin)."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(cores) as pool:
        started = time.monotonic()
        pool.map(_bare, [records[k::cores] for k in range(cores)])
        return len(records) / (time.monotonic() - started)


def lake_rows(data_dir: Path) -> int:
    import duckdb

    return duckdb.sql(f"select count(*) from read_parquet('{data_dir}/lake/articles/**/*.parquet', "
                      "hive_partitioning=true, union_by_name=true)").fetchall()[0][0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--outlets", type=int, default=10)
    parser.add_argument("--sample", type=int, default=1000, help="pages bare trafilatura is timed on")
    parser.add_argument("--keep", type=Path, help="keep the data dir here")
    args = parser.parse_args(argv)
    with ScaleWeb(args.pages, args.outlets) as web, tempfile.TemporaryDirectory(prefix="scale-web-") as tmp:
        work = args.keep or Path(tmp)
        outlets = web.write_outlet_configs(work / "outlets")
        page_kb = len(web._article_response(web.catalog.all()[0], web.base_url(web.sites[0].slug), False).body) / 1024
        print(f"scale web: {args.pages} articles over {args.outlets} outlets, {page_kb:.0f} KB a page, day {DAY}")
        cores = os.cpu_count() or 1
        docs = sample_pages(web, args.sample)
        before = bare_on_cores(docs, cores)
        env = {**os.environ, "AKHBAR_SCRAPY_LOG_LEVEL": "WARNING"}
        cmd = [str(BIN / "akhbar"), "run", "--date", DAY.isoformat(), "--data-dir", str(work / "data"),
               "--outlets-dir", str(outlets)]
        measured = run_measured(cmd, env)
        wall, peak, code, out = measured
        (work / "run.txt").write_text(out, encoding="utf-8")
        rows = lake_rows(work / "data") if code == 0 else 0
        pps = scrapy_bench()
        after = bare_on_cores(docs, cores)
        bare = (before + after) / 2
    print(f"{'akhbar run (end to end)':34} {wall:8.1f} s  {args.pages / wall:7.1f} pages/s  peak RSS "
          f"{peak / 2**30:.2f} GiB  ({rows} article rows, exit {code})")
    for role, seconds in sorted(measured.cpu.items(), key=lambda kv: -kv[1]):
        print(f"  CPU {role:40} {seconds:7.1f} s  {seconds * 1000 / args.pages:5.1f} ms/page")
    print(f"  CPU {'test web server (the bench process)':40} {measured.own_cpu:7.1f} s  "
          f"{measured.own_cpu * 1000 / args.pages:5.1f} ms/page")
    busy = sum(measured.cpu.values()) + measured.own_cpu
    print(f"  cores busy on average: {busy / wall:.2f} of {cores}")
    print(f"{'scrapy bench (crawl ceiling)':34} {args.pages / pps if pps else 0:8.1f} s  {pps:7.1f} pages/s")
    print(f"{f'bare trafilatura, {cores} cores':34} {args.pages / bare:8.1f} s  {bare:7.1f} pages/s (before the "
          f"night {before:.1f}, after {after:.1f}; {len(docs)} pages)")
    print(f"ratios: end to end / scrapy bench = {(args.pages / wall) / pps if pps else 0:.2f}, "
          f"end to end / bare trafilatura on {cores} cores = {wall / (args.pages / bare):.2f} (target <= 1.3)")
    print(f"targets: {args.pages} pages <= 240 s: {'met' if wall <= 240 else 'NOT met'}; peak RSS <= 1 GiB: "
          f"{'met' if peak <= 2**30 else 'NOT met'}")
    return code


if __name__ == "__main__":
    sys.exit(main())
