"""Peer files kept as data: dateparser's test modules here are read with ``ast`` by tests/test_dates_peer.py,
never collected or run as our tests."""

collect_ignore_glob = ["*"]
