"""An AKHBAR_ON_FAILURE hook for the tests: appends what a notification would say to AKHBAR_TEST_HOOK_FILE."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from akhbar.airflow_support import failure_details


def record_failure(context: Mapping[str, Any]) -> None:
    with open(os.environ["AKHBAR_TEST_HOOK_FILE"], "a", encoding="utf-8") as out:
        out.write(json.dumps(failure_details(context), ensure_ascii=False) + "\n")


def broken(context: Mapping[str, Any]) -> None:
    raise RuntimeError("the webhook is down")
