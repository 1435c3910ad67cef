#!/usr/bin/env bash
# Create a back-fill of akhbar_nightly in the local Airflow (scripts/airflow.env):
#   scripts/airflow-backfill.sh --from-date 2025-01-05 --to-date 2025-01-07 [more `airflow backfill create` options]
# SQLite takes one writer at a time, and a transaction that read before it writes can be refused at once
# ("database is locked", no busy wait) when the scheduler or dag-processor committed in between. The creation is
# one transaction — refused, nothing of it is stored — so it is simply asked again, up to 5 times.
set -uo pipefail
# shellcheck source=scripts/airflow.env
source "$(dirname "$0")/airflow.env"
for attempt in 1 2 3 4 5; do
    out=$(airflow backfill create --dag-id akhbar_nightly "$@" 2>&1)
    rc=$?
    if [ $rc -eq 0 ]; then
        printf '%s\n' "$out" | grep -v '^\s*$' | tail -n 20
        echo "back-fill created; scripts/airflow-wait.sh waits for its end"
        exit 0
    fi
    if ! printf '%s' "$out" | grep -q "database is locked"; then
        printf '%s\n' "$out" >&2
        exit $rc
    fi
    echo "SQLite was busy (attempt $attempt of 5): asking again" >&2
    sleep $((attempt * 2))
done
printf '%s\n' "$out" >&2
exit 1
