#!/usr/bin/env bash
# The Debian packages the full test suite starts for real: Chromium (the replay test's browser),
# PostgreSQL and Redis (Airflow's metadata database and Celery broker in the distributed test), and
# libfaketime (the local Airflow recipe test runs the whole stack on a Monday after 04:00 UTC: LD_PRELOAD).
# Installs only what is missing; a no-op (well under a second) once they are there.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v redis-server >/dev/null || need+=(redis-server)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
ls /usr/lib/*/faketime/libfaketime.so.1 >/dev/null 2>&1 || need+=(libfaketime)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${need[*]} (run: sudo apt-get install ${need[*]})" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null \
    || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null; }
echo "installed: ${need[*]}"
