"""Offline test web: outlet-like Persian and Arabic news sites on loopback, with fault hooks."""

from akhbar.testweb.content import ExpectedArticle
from akhbar.testweb.faults import KINDS as FAULT_KINDS
from akhbar.testweb.server import RequestRecord, TestWeb
from akhbar.testweb.sites import SITES, Site

__all__ = ["FAULT_KINDS", "SITES", "ExpectedArticle", "RequestRecord", "Site", "TestWeb"]
