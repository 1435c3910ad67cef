#!/usr/bin/env bash
# Wait for the latest back-fill of akhbar_nightly (or of the DAG given: scripts/airflow-wait.sh DAG_ID) to end;
# print one line per day with its state and failed tasks. Exit 0 every day succeeded, 1 a day failed, 2 timeout
# (AKHBAR_WAIT_TIMEOUT seconds, default 3600).
set -euo pipefail
# shellcheck source=scripts/airflow.env
source "$(dirname "$0")/airflow.env"
exec python -m akhbar.airflow_local wait --home "$AIRFLOW_HOME" --url "http://127.0.0.1:$AIRFLOW__API__PORT" \
    --dag "${1:-akhbar_nightly}" --timeout "${AKHBAR_WAIT_TIMEOUT:-3600}"
