"""The nightly DAG's revisit body (akhbar.airflow_support.revisit): it reports, it never raises."""

from __future__ import annotations

from datetime import date

import pytest

from akhbar import airflow_support as af
from akhbar.warehouse.locks import partition_lock

NIGHT = date(2025, 1, 8)
TODAY = date(2025, 1, 9)  # the nightly run of NIGHT


@pytest.fixture
def data(tmp_path, monkeypatch, testweb_outlets):
    monkeypatch.setenv("AKHBAR_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("AKHBAR_OUTLETS_DIR", str(testweb_outlets))
    monkeypatch.delenv("AKHBAR_LAKE_URI", raising=False)
    return tmp_path


def test_nothing_due_is_a_quiet_night(data, testweb):
    got = af.revisit(NIGHT, today=TODAY)
    assert got["night"] == "2025-01-08"
    assert set(got["outlets"]) == {s.slug for s in testweb.sites}
    assert all(o == {"planned": 0, "outcomes": {}, "versions": 0, "error": None} for o in got["outlets"].values())


def test_a_busy_outlet_is_its_own_error_not_the_nights(data):
    with partition_lock(data, NIGHT.isoformat(), "fa-sepehr"):  # its night is being crawled or revisited
        got = af.revisit(NIGHT, today=TODAY)
    assert "PartitionBusy" in got["outlets"]["fa-sepehr"]["error"]
    assert all(o["error"] is None for slug, o in got["outlets"].items() if slug != "fa-sepehr")


def test_a_back_filled_day_does_not_revisit(data):
    """A back-fill's runs would fetch now what their schedule meant for then, once per back-filled day."""
    got = af.revisit(NIGHT, today=date(2025, 3, 1))
    assert got["night"] == "2025-01-08" and "back-filled" in got["skipped"] and "outlets" not in got
    assert not (data / "lake").exists()  # nothing crawled, nothing written
