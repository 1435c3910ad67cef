#!/usr/bin/env bash
# `make airflow-stop`: stop every process scripts/airflow-up.sh started — the scheduler first (no task is
# left talking to a dead api-server), then dag-processor, api-server, test web. Each was started as the leader
# of its own session: SIGTERM to its process group, SIGKILL after 30 s, then SIGKILL to anything left in its
# session (a task process in a group of its own) and to any process carrying the stack's environment mark
# (one that left the session). Exit 1 if a process is left.
set -uo pipefail
# shellcheck source=scripts/airflow.env
source "$(dirname "$0")/airflow.env"
RUN="$AIRFLOW_HOME/run"

in_session() { ps -eo pid=,sid= | awk -v s="$1" '$2 == s { print $1 }'; }

marked() {  # pids of processes whose environment carries AKHBAR_AIRFLOW_STACK=$AIRFLOW_HOME
    local mark="AKHBAR_AIRFLOW_STACK=$AIRFLOW_HOME" env pid
    for env in /proc/[0-9]*/environ; do
        pid=${env#/proc/}; pid=${pid%/environ}
        [ "$pid" = "$$" ] && continue
        { tr '\0' '\n' < "$env"; } 2>/dev/null | grep -qxF "$mark" && echo "$pid"
    done
    return 0
}

sessions=()
for name in scheduler dag-processor api-server testweb; do
    pidfile="$RUN/$name.pid"
    [ -s "$pidfile" ] || continue
    sid=$(cat "$pidfile")
    sessions+=("$sid")
    if [ -n "$(in_session "$sid")" ]; then
        kill -TERM -- "-$sid" 2>/dev/null
        for _ in $(seq 60); do [ -z "$(in_session "$sid")" ] && break; sleep 0.5; done
        left=$(in_session "$sid")
        # shellcheck disable=SC2086
        [ -z "$left" ] || { echo "$name: SIGKILL to $(echo $left) after 30 s"; kill -KILL $left 2>/dev/null; sleep 0.5; }
        echo "stopped $name (session $sid)"
    fi
    rm -f "$pidfile"
done

left=$(for sid in "${sessions[@]}"; do in_session "$sid"; done; marked)
if [ -n "$left" ]; then
    echo "stragglers: $(echo $left)"
    # shellcheck disable=SC2086
    kill -KILL $left 2>/dev/null; sleep 0.5
    left=$(for sid in "${sessions[@]}"; do in_session "$sid"; done; marked)
fi
if [ -n "$left" ]; then
    echo "error: still running: $(echo $left)"
    exit 1
fi
echo "no process of $AIRFLOW_HOME is left"
