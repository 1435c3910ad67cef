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


#: bar colours of a health chart's nights: passed, failed the gate, not archived
HEALTH_COLOURS = {"ok": "#4c72b0", "gate_failed": "#dd8452", "failed": "#c44e52"}


def health_chart(report: list) -> Figure:
    """Each outlet's nights (``akhbar.quality.health_report``) as bars of articles, its baseline (the weekday's
    median) as a dashed line, and the checks a failed night failed written over its bar: one panel per outlet."""
    outlets = sorted({h.outlet for h in report})
    fig = Figure(figsize=(9, 2.6 * max(1, len(outlets)) + 0.6), dpi=100, layout="constrained")
    fig.suptitle(shape("outlet health: nights against their baseline — سلامت منبع‌ها"), fontname=FONT)
    if not outlets:
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, "no judged nights", transform=ax.transAxes, ha="center")
        return fig
    axes = fig.subplots(len(outlets), 1, squeeze=False)[:, 0]
    for ax, outlet in zip(axes, outlets, strict=True):
        nights = [h for h in report if h.outlet == outlet]
        days = [h.night.day for h in nights]
        colours = [HEALTH_COLOURS.get(h.night.status, HEALTH_COLOURS["failed"]) for h in nights]
        ax.bar(days, [h.night.articles for h in nights], color=colours, width=0.8, label="articles")
        # a bar-wide tick per night with a baseline, joined where consecutive nights have one
        ax.plot(days, [h.base.articles if h.base.articles is not None else float("nan") for h in nights],
                linestyle="--", marker="_", markersize=18, markeredgewidth=2, color="black",
                label="baseline (median of the weekday)")
        for h in nights:
            if h.verdict != "ok":
                top = max(h.night.articles, h.base.articles or 0)  # above the bar and its baseline tick
                failed = h.verdict.split(":")[0].split(", ")  # health checks first (HealthNight.verdict)
                label = failed[0] + (f" +{len(failed) - 1}" if len(failed) > 1 else "")
                ax.annotate(shape(label[:32]), (h.night.day, top), rotation=90,
                            fontsize=7, ha="center", va="bottom", xytext=(0, 3), textcoords="offset points")
        ax.set_title(shape(outlet), fontname=FONT, loc="left")
        ax.set_ylabel("articles")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_ylim(bottom=0, top=max([1, *(h.night.articles for h in nights),
                                       *(h.base.articles or 0 for h in nights)]) * 2.2)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d"))
        ax.legend(prop={"family": FONT, "size": 7}, loc="upper left")
    return fig
