"""crawler/ is a real Scrapy project: `scrapy list` from the repository root names the spider."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from repo import ROOT

REPO = ROOT


def test_scrapy_list_names_the_spiders():
    scrapy = Path(sys.executable).with_name("scrapy")
    proc = subprocess.run([str(scrapy), "list"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    # the live crawl, the web-archive back-fill and the revisits (docs/revisits.md)
    assert proc.stdout.split() == ["archive_day", "outlet_day", "revisit"]
