#!/usr/bin/env bash
# `make airflow-stop`: stop every process scripts/airflow-up.sh started — the scheduler first (no task is
# left talking to a dead api-server), then dag-processor, api-server, test web — each by its process group
# (SIGTERM, SIGKILL after 30 s), then any straggler carrying the stack's mark (a task process that left
# its group). Exit 1 if a process is left.
set -uo pipefail
# shellcheck source=scripts/airflow.env
source "$(dirname "$0")/airflow.env"
RUN="$AIRFLOW_HOME/run"

marked() {  # pids of this user's processes whose environment carries AKHBAR_AIRFLOW_STACK=$AIRFLOW_HOME
    local mark="AKHBAR_AIRFLOW_STACK=$AIRFLOW_HOME" env pid
    for env in /proc/[0-9]*/environ; do
        pid=${env#/proc/}; pid=${pid%/environ}
        [ "$pid" = "$$" ] && continue
        { tr '\0' '\n' < "$env"; } 2>/dev/null | grep -qxF "$mark" && echo "$pid"
    done
    return 0
}

group_alive() { pgrep -g "$1" > /dev/null 2>&1; }

for name in scheduler dag-processor api-server testweb; do
    pidfile="$RUN/$name.pid"
    [ -s "$pidfile" ] || continue
    pgid=$(cat "$pidfile")
    if group_alive "$pgid"; then
        kill -TERM -- "-$pgid" 2>/dev/null
        for _ in $(seq 60); do group_alive "$pgid" || break; sleep 0.5; done
        if group_alive "$pgid"; then echo "$name: SIGKILL after 30 s"; kill -KILL -- "-$pgid" 2>/dev/null; sleep 0.5; fi
        echo "stopped $name (process group $pgid)"
    fi
    rm -f "$pidfile"
done

left=$(marked)
if [ -n "$left" ]; then
    echo "stragglers: $(echo "$left" | tr '\n' ' ')"
    # shellcheck disable=SC2086
    kill -TERM $left 2>/dev/null; sleep 2
    left=$(marked)
    # shellcheck disable=SC2086
    [ -z "$left" ] || { kill -KILL $left 2>/dev/null; sleep 0.5; left=$(marked); }
fi
if [ -n "$left" ]; then
    echo "error: still running: $(echo "$left" | tr '\n' ' ')"
    exit 1
fi
echo "no process of $AIRFLOW_HOME is left"
