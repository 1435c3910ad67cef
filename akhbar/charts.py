"""Charts of the archive (`akhbar plot volume|trend`): matplotlib, headless (Agg), Persian/Arabic labels shaped.

matplotlib draws text left to right, one glyph per character: Arabic script would come out as isolated letters in
reverse order. Every label goes through arabic-reshaper (joined presentation forms) and python-bidi (visual
order) first. DejaVu Sans, matplotlib's default, has the Arabic glyphs, and matplotlib ships its own copy: no
system font is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before pyplot: no display needed, ever

import arabic_reshaper
import matplotlib.dates as mdates
import pyarrow as pa
from bidi.algorithm import get_display
from matplotlib.figure import Figure

FONT = "DejaVu Sans"
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def shape(label: str) -> str:
    """``label`` as matplotlib must draw it: Arabic letters joined and in visual order; other text unchanged."""
    if not _RTL.search(label):
        return label
    return get_display(arabic_reshaper.reshape(label))


def line_chart(counts: pa.Table, *, title: str, ylabel: str) -> Figure:
    """One line per outlet of ``counts`` (columns period, outlet, articles): a Figure not yet saved."""
    fig = Figure(figsize=(8, 4), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    rows = counts.to_pylist()
    periods = sorted({r["period"] for r in rows})
    for outlet in sorted({r["outlet"] for r in rows}):
        by_period = {r["period"]: r["articles"] for r in rows if r["outlet"] == outlet}
        # a period without a match is a zero, not a gap in the line
        ax.plot(periods, [by_period.get(p, 0) for p in periods], marker="o", label=shape(outlet))
    ax.set_title(shape(title), fontname=FONT)
    ax.set_ylabel(shape(ylabel), fontname=FONT)
    ax.set_ylim(bottom=0)
    ax.yaxis.get_major_locator().set_params(integer=True)
    if 0 < len(periods) <= 20:
        ax.set_xticks(periods)  # one tick per period: no repeated day labels between them
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    if rows:
        ax.legend(prop={"family": FONT})
    else:
        ax.text(0.5, 0.5, "no matching articles", transform=ax.transAxes, ha="center")
    fig.autofmt_xdate()
    return fig


def save_png(fig: Figure, out: str | Path, protected: Iterable[Path] = ()) -> Path:
    """Write the chart as PNG atomically (a new temporary file renamed over ``out``); ``out`` is checked as every
    output is (akhbar.export.output_path: never into ``protected``, a link, a FIFO or a device)."""
    from akhbar.export import output_path, replaced_atomically

    target = output_path(out, protected)
    target.parent.mkdir(parents=True, exist_ok=True)
    with replaced_atomically(target) as fh:
        fig.savefig(fh, format="png")
    return Path(out)


def volume_chart(counts: pa.Table, by: str = "day") -> Figure:
    return line_chart(counts, title=f"articles archived per {by} — مقاله‌های بایگانی‌شده", ylabel="articles")


def trend_chart(counts: pa.Table, term: str, by: str = "day") -> Figure:
    # Latin first: the line reads left to right, the term inside it right to left
    return line_chart(counts, title=f"articles per {by} matching «{term}»", ylabel="articles")
