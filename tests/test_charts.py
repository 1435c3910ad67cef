"""Charts of the archived test web: the expected series are drawn, labels are shaped Persian/Arabic, the files
are valid PNGs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from archivekit import archived
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font
from typer.testing import CliRunner

from akhbar import charts
from akhbar.cli import app
from akhbar.search import trend, volume

pytestmark = pytest.mark.e2e
AKHBAR = str(Path(sys.executable).parent / "akhbar")
PNG = b"\x89PNG\r\n\x1a\n"
PRESENTATION_FORMS = range(0xFB50, 0xFF00)


@pytest.fixture(scope="module")
def data(testweb, testweb_outlets, tmp_path_factory, fast_crawl) -> Path:
    return archived(testweb, testweb_outlets, tmp_path_factory, fast_crawl)


def _series(fig) -> dict[str, list[tuple]]:
    ax = fig.axes[0]
    return {line.get_label(): list(zip(line.get_xdata(), line.get_ydata(), strict=True)) for line in ax.get_lines()}


def _expected(counts) -> dict[str, list[tuple]]:
    rows = counts.to_pylist()
    periods = sorted({r["period"] for r in rows})
    out = {}
    for outlet in sorted({r["outlet"] for r in rows}):
        got = {r["period"]: r["articles"] for r in rows if r["outlet"] == outlet}
        out[outlet] = [(p, got.get(p, 0)) for p in periods]
    return out


def _check_png(path: Path) -> None:
    data = path.read_bytes()
    assert data[:8] == PNG and len(data) > 10_000
    assert b"IEND" in data[-12:]


def test_shaping_joins_letters_in_visual_order():
    shaped = charts.shape("وزیر")
    assert shaped != "وزیر" and all(ord(c) in PRESENTATION_FORMS for c in shaped)  # joined glyph forms
    assert charts.shape("articles per day") == "articles per day"
    # the font has every glyph the shaped labels use (no tofu boxes)
    cmap = FT2Font(font_manager.findfont(charts.FONT)).get_charmap()
    assert all(ord(c) in cmap for c in charts.shape("مقاله‌های بایگانی‌شده الأرصاد"))


def test_volume_chart_draws_articles_per_outlet_and_day(data, tmp_path):
    counts = volume(data)
    fig = charts.volume_chart(counts)
    assert _series(fig) == _expected(counts)
    assert set(_series(fig)) == {"ar-mojaz", "ar-wadi", "fa-payam", "fa-sepehr"}
    assert sum(y for s in _series(fig).values() for _, y in s) == sum(counts.column("articles").to_pylist()) > 0
    assert any(ord(c) in PRESENTATION_FORMS for c in fig.axes[0].get_title())  # the Persian part is shaped
    _check_png(charts.save_png(fig, tmp_path / "volume.png"))


def test_trend_chart_draws_the_terms_counts_with_a_shaped_title(data, tmp_path):
    term = "وزیر"
    counts = trend(data, term)
    assert counts.num_rows
    fig = charts.trend_chart(counts, term)
    assert _series(fig) == _expected(counts)
    assert fig.axes[0].get_title() == charts.shape(f"articles per day matching «{term}»")
    _check_png(charts.save_png(fig, tmp_path / "trend.png"))


def test_plot_command_writes_each_chart(data, tmp_path):
    # one real process; the other cases through typer's runner in this process (the machine is shared)
    out = tmp_path / "trend.png"
    done = subprocess.run([AKHBAR, "plot", "trend", "الزیتون", "-o", str(out), "--data-dir", str(data)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    _check_png(out)
    runner = CliRunner()
    weekly = runner.invoke(app, ["plot", "volume", "--by", "week", "-o", str(tmp_path / "v.png"),
                                 "--data-dir", str(data)])
    assert weekly.exit_code == 0, weekly.output
    _check_png(tmp_path / "v.png")
    bad = runner.invoke(app, ["plot", "pie", "--data-dir", str(data)])
    assert bad.exit_code == 2 and "unknown chart" in bad.output


def test_save_png_refuses_links_fifos_and_stored_data_and_writes_a_new_file(tmp_path):
    import os

    import pyarrow as pa

    from akhbar.export import protected_paths

    fig = charts.volume_chart(pa.table({"period": pa.array([], pa.date32()), "outlet": pa.array([], pa.string()),
                                        "articles": pa.array([], pa.int64())}))
    data = tmp_path / "data"
    protected = protected_paths(data)
    os.mkfifo(tmp_path / "fifo.png")
    victim = tmp_path / "victim.png"
    victim.write_bytes(b"keep")
    (tmp_path / "link.png").symlink_to(victim)
    for bad, why in ((tmp_path / "fifo.png", "not a regular file"), (tmp_path / "link.png", "symbolic link"),
                     (data / "lake" / "chart.png", "stored data")):
        with pytest.raises(ValueError, match=why):
            charts.save_png(fig, bad, protected)
    assert victim.read_bytes() == b"keep" and not (data / "lake").exists()
    out = charts.save_png(fig, tmp_path / "new" / "نمودار.png", protected)  # its folder made, as before
    _check_png(out)
    assert {p.name for p in (tmp_path / "new").iterdir()} == {"نمودار.png"}  # no temporary left
