"""transforms/extract/options.py: an outlet's [extract] rules read through the options whatever the overrides
object holds, and the default thresholds are the module's."""

from __future__ import annotations

from types import SimpleNamespace

from akhbar.transforms.extract.options import ExtractOptions
from akhbar.transforms.thresholds import EXTRACTION


def test_without_overrides_there_is_nothing_to_drop_and_no_body_selector():
    opts = ExtractOptions(url="https://www.aljazeera.net/news/2025/1/7/x")
    assert (opts.drop_selectors, opts.body_selector, opts.thresholds) == ([], None, EXTRACTION)
    partial = ExtractOptions(overrides=SimpleNamespace(drop_selectors=None))
    assert (partial.drop_selectors, partial.body_selector) == ([], None)


def test_the_outlets_rules_are_read_and_the_list_given_out_is_a_copy():
    rules = SimpleNamespace(drop_selectors=["div.related", "aside.most-read"], body_selector="div.article-body")
    opts = ExtractOptions(overrides=rules)
    assert (opts.drop_selectors, opts.body_selector) == (["div.related", "aside.most-read"], "div.article-body")
    opts.drop_selectors.append("footer")
    assert rules.drop_selectors == ["div.related", "aside.most-read"]
