#!/usr/bin/env bash
# `make airflow`: the local Airflow (SQLite, LocalExecutor) in the background, ready for back-fills.
# Migrates, imports the outlet pools, starts the offline test web (unless AKHBAR_OUTLETS_DIR is set),
# api-server, dag-processor and scheduler — each in its own process group, pid file in $AIRFLOW_HOME/run,
# log in $AIRFLOW_HOME/logs/services — then unpauses the akhbar DAGs. No triggerer: no akhbar task defers.
# Stop everything with scripts/airflow-stop.sh (`make airflow-stop`). Running it again when up does nothing.
set -euo pipefail
# shellcheck source=scripts/airflow.env
source "$(dirname "$0")/airflow.env"

RUN="$AIRFLOW_HOME/run"
LOGS="$AIRFLOW_HOME/logs/services"
API_URL="http://127.0.0.1:$AIRFLOW__API__PORT"
mkdir -p "$RUN" "$LOGS" "$AKHBAR_DATA_DIR"
# every process started here (and its children) carries this mark: airflow-stop.sh finds stragglers by it
export AKHBAR_AIRFLOW_STACK="$AIRFLOW_HOME"

alive() { [ -s "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

start() {  # start NAME COMMAND…: in a new session (its own process group), output to the log
    local name=$1; shift
    if alive "$name"; then echo "$name already running (pid $(cat "$RUN/$name.pid"))"; return; fi
    setsid "$@" >>"$LOGS/$name.log" 2>&1 < /dev/null &
    echo $! > "$RUN/$name.pid"
    echo "started $name (pid $!, log $LOGS/$name.log)"
}

step() { echo "== $*"; }

step "metadata database: $AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"
airflow db migrate >>"$LOGS/migrate.log" 2>&1 || { tail -30 "$LOGS/migrate.log"; exit 1; }
case "$AIRFLOW__DATABASE__SQL_ALCHEMY_CONN" in
    sqlite:///*)  # WAL: readers (UI, CLI) never block the writer; persistent in the database file
        db="${AIRFLOW__DATABASE__SQL_ALCHEMY_CONN#sqlite:///}"; db="${db%%\?*}"
        python -c 'import sqlite3, sys; print("journal mode:", sqlite3.connect(sys.argv[1]).execute("pragma journal_mode=wal").fetchone()[0])' "$db" ;;
esac

if [ "$AKHBAR_OUTLETS_DIR" = "$AIRFLOW_HOME/testweb-outlets" ]; then
    step "offline test web on 127.0.0.11-14:$AKHBAR_TESTWEB_PORT (outlet files in $AKHBAR_OUTLETS_DIR)"
    alive testweb || : > "$LOGS/testweb.log"  # its "ready" line below is this start's
    start testweb python -u -m akhbar.testweb serve --port "$AKHBAR_TESTWEB_PORT" --outlets-dir "$AKHBAR_OUTLETS_DIR"
    for _ in $(seq 100); do grep -q '^ready' "$LOGS/testweb.log" 2>/dev/null && break; alive testweb || break; sleep 0.2; done
    alive testweb || { tail -20 "$LOGS/testweb.log"; echo "error: the test web did not start"; exit 1; }
fi

step "pools: one 1-slot pool per outlet of $AKHBAR_OUTLETS_DIR"
python -m akhbar.airflow_support pools "$AKHBAR_OUTLETS_DIR" > "$AIRFLOW_HOME/pools.json"
airflow pools import "$AIRFLOW_HOME/pools.json" >>"$LOGS/pools.log" 2>&1 || { tail -20 "$LOGS/pools.log"; exit 1; }

step "Airflow components (parallelism $AIRFLOW__CORE__PARALLELISM)"
start api-server airflow api-server
start dag-processor airflow dag-processor
start scheduler airflow scheduler

step "waiting for the DAGs, then unpausing them"
python -m akhbar.airflow_local ready --home "$AIRFLOW_HOME" --url "$API_URL" \
    akhbar_nightly akhbar_dedup akhbar_reextract akhbar_compaction akhbar_report

password=$(python -c 'import json, sys; print(json.load(open(sys.argv[1]))["admin"])' \
    "$AIRFLOW_HOME/simple_auth_manager_passwords.json.generated")
cat <<EOF
Airflow is up: $API_URL  (user admin, password $password — kept in
  $AIRFLOW_HOME/simple_auth_manager_passwords.json.generated)
archive: $AKHBAR_DATA_DIR   outlets: $AKHBAR_OUTLETS_DIR   logs: $LOGS
nightly runs start with the day $AKHBAR_NIGHTLY_START ended; back-fill earlier days:
  source scripts/airflow.env
  scripts/airflow-backfill.sh --from-date 2025-01-05 --to-date 2025-01-07
  scripts/airflow-wait.sh        # waits for the back-fill's end, one line per day; exit 1 if a day failed
stop: scripts/airflow-stop.sh (make airflow-stop)
EOF
