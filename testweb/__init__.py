"""Offline test web: outlet-like Persian and Arabic news sites on loopback, with fault hooks."""

from testweb.content import ExpectedArticle
from testweb.faults import KINDS as FAULT_KINDS
from testweb.server import RequestRecord, TestWeb
from testweb.sites import SITES, Site

__all__ = ["FAULT_KINDS", "SITES", "ExpectedArticle", "RequestRecord", "Site", "TestWeb"]
