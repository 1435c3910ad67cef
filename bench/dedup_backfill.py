"""Back-fill order of dedup: days deduplicated newest first (a back-fill of history) against calendar order.

A synthetic lake of ``days`` × ``outlets`` × ``per_day`` Persian/Arabic articles (bodies of words drawn from the
test web's real articles, so unrelated bodies share no 5-word shingle) with planted copies: some stories are
re-published by other outlets, edited, 0-5 days later; some copies are copied again (copies of copies) 1-5 days
after the copy, so chains run past the 7-day lookback of the original. Each mode loads the days into an empty
lake one at a time (in its order) through ``Lake.replace_partition`` and runs ``dedup_day`` after each, as the
nightly DAG would; it counts the rows clustered (``DedupResult.articles``: the day's own plus the later rows it
reached) and the wall time of the dedup calls, and the two modes must end in the identical ``duplicates`` table.

Used by ``python -m bench.dedup_bench --days 30`` and, at a small size, by tests/test_dedup_backfill.py.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from akhbar.pipeline.dedup import dedup_day
from akhbar.transforms.dedup import content_hash, signature
from akhbar.transforms.normalize import normalize_text
from akhbar.warehouse.lake import Lake

TESTWEB = Path(__file__).resolve().parent.parent / "testweb"
START = date(2025, 3, 1)
_CREDITS = {"fa": ["به گزارش خبرگزاری پیام امروز،", "انتهای پیام/", "منبع: ایرنا"],
            "ar": ["المصدر: البوابة نيوز", "جميع الحقوق محفوظة", "القاهرة /أ ش أ/"]}


def _vocabulary() -> dict[str, list[str]]:
    words: dict[str, set[str]] = {}
    for lang in ("fa", "ar"):
        for entry in json.loads((TESTWEB / f"articles_{lang}.json").read_text(encoding="utf-8")):
            for p in entry.get("paragraphs", ()):
                words.setdefault(lang, set()).update(p.split())
    return {lang: sorted(ws) for lang, ws in words.items()}


@dataclass
class Planted:
    """The synthetic lake: articles rows by (day, outlet), and how many are copies / copies of copies."""

    parts: dict[tuple[date, str], list[dict]]
    copies: int
    copies_of_copies: int

    @property
    def days(self) -> list[date]:
        return sorted({d for d, _ in self.parts})

    @property
    def rows(self) -> int:
        return sum(len(v) for v in self.parts.values())


def _edit(words: list[str], rng: random.Random, vocab: list[str], lang: str) -> list[str]:
    """An editor's copy: ~3 % of the words replaced, a credit line before and after."""
    out = [rng.choice(vocab) if rng.random() < 0.03 else w for w in words]
    return [*rng.choice(_CREDITS[lang]).split(), *out, *rng.choice(_CREDITS[lang]).split()]


def plant(days: int, outlets: int, per_day: int, *, copy_rate: float = 0.12, copy_of_copy_rate: float = 0.5,
          seed: int = 14) -> Planted:
    """Originals, copies 0-5 days after their original and copies of copies 1-5 days after their copy."""
    rng = random.Random(seed)
    vocab = _vocabulary()
    slugs = [f"{'fa' if i % 2 == 0 else 'ar'}-outlet{i}" for i in range(outlets)]
    last = START + timedelta(days=days - 1)
    parts: dict[tuple[date, str], list[dict]] = {(START + timedelta(days=d), s): [] for d in range(days) for s in slugs}
    n = {"copies": 0, "cc": 0}

    def add(day: date, slug: str, words: list[str], seq: str) -> None:
        text = " ".join(words)
        norm = normalize_text(text)
        hour = rng.randrange(24)
        parts[(day, slug)].append({
            "article_id": f"{slug}-{day:%Y%m%d}-{seq}", "url": f"https://{slug}.example/{day:%Y/%m/%d}/{seq}",
            "text": text, "text_norm": norm, "text_chars": len(text), "content_hash": content_hash(norm),
            "signature": signature(norm), "published_at": datetime.combine(day, datetime.min.time(), UTC)
            + timedelta(hours=hour, minutes=rng.randrange(60)),
            "fetched_at": datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=23)})

    for d in range(days):
        day = START + timedelta(days=d)
        for o, slug in enumerate(slugs):
            lang = slug[:2]
            for i in range(per_day):
                words = rng.choices(vocab[lang], k=rng.randrange(120, 260))
                add(day, slug, words, f"{i}")
                if rng.random() >= copy_rate:
                    continue
                copy_day = day + timedelta(days=rng.randrange(6))
                if copy_day > last:
                    continue
                copy_slug = slugs[(o + 2 * rng.randrange(1, max(outlets // 2, 2))) % outlets]  # same language
                copy_words = _edit(words, rng, vocab[lang], lang)
                add(copy_day, copy_slug, copy_words, f"c{slug}-{d}-{i}")
                n["copies"] += 1
                if rng.random() >= copy_of_copy_rate:
                    continue
                cc_day = copy_day + timedelta(days=rng.randrange(1, 6))
                if cc_day <= last:
                    add(cc_day, slugs[(o + 2) % outlets], _edit(copy_words, rng, vocab[lang], lang),
                        f"cc{slug}-{d}-{i}")
                    n["cc"] += 1
    return Planted(parts, n["copies"], n["cc"])


@dataclass
class Run:
    order: str
    clustered: int = 0  # rows clustered over the whole back-fill (each day's own + the later rows reached)
    reached: int = 0
    windows: int = 0  # dedup windows read (one per day when nothing reaches past the lookback)
    seconds: float = 0.0  # wall time of the dedup calls
    cpu: float = 0.0  # their CPU time (less sensitive to other load on the machine)
    duplicates: list[dict] | None = None


class _Backfill:
    """One order's lake, advanced a day at a time."""

    def __init__(self, planted: Planted, data_dir: Path, *, newest_first: bool) -> None:
        self.planted, self.data_dir = planted, data_dir
        self.lake = Lake(str(data_dir / "lake"))
        self.outlets = data_dir / "outlets"  # no registry entries: no outlet is an aggregator
        self.outlets.mkdir(parents=True, exist_ok=True)
        self.days = sorted(planted.days, reverse=newest_first)
        self.run = Run("newest first" if newest_first else "calendar")

    def step(self, day: date) -> None:
        for (d, slug), rows in self.planted.parts.items():
            if d == day:
                self.lake.replace_partition("articles", d, slug, rows)
        wall, cpu = time.perf_counter(), time.process_time()
        result = dedup_day(day, self.data_dir, folder=self.outlets)
        self.run.seconds += time.perf_counter() - wall
        self.run.cpu += time.process_time() - cpu
        self.run.clustered += result.articles
        self.run.reached += result.reached
        self.run.windows += result.windows

    def finish(self) -> Run:
        self.run.duplicates = self.lake.read("duplicates").sort_by("article_id").to_pylist()
        return self.run


def compare(planted: Planted) -> tuple[Run, Run]:
    """(calendar order, newest first), each in its own temporary data dir, advanced in turns a day each so
    that other load on the machine falls on both alike."""
    with tempfile.TemporaryDirectory(prefix="akhbar-dedup-bench-") as tmp:
        calendar = _Backfill(planted, Path(tmp) / "calendar", newest_first=False)
        newest = _Backfill(planted, Path(tmp) / "newest", newest_first=True)
        for a, b in zip(calendar.days, newest.days, strict=True):
            calendar.step(a)
            newest.step(b)
        return calendar.finish(), newest.finish()
