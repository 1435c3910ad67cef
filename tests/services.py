"""Production services for tests, started for real on 127.0.0.1 with free ports, each one process the test owns:
PostgreSQL 15 (the Airflow metadata database), Redis (the Celery broker) and moto's S3 API server (the lake).

Each is a context manager; leaving it stops the process (and its process group) and waits for it.
``worker_hostname`` is the ``[core] hostname_callable`` of the distributed test's Celery workers: two workers on
one machine would otherwise report the same hostname for their task instances.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

#: the newest installed PostgreSQL (Debian: scripts/system-packages.sh installs it; tested with 15)
PG_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name),
             default=Path("/usr/lib/postgresql/15/bin"))
VENV_BIN = Path(sys.executable).parent
#: the environment variable naming a worker for ``worker_hostname``
WORKER_NAME_ENV = "AKHBAR_TEST_WORKER_NAME"


def worker_hostname() -> str:
    """This worker's name (set per worker process by the test), else the machine's name."""
    return os.environ.get(WORKER_NAME_ENV) or socket.getfqdn()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(what: str, check, timeout: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what}: the process exited with {proc.returncode}")
        try:
            if check():
                return
        except Exception as exc:  # not up yet
            last = exc
        time.sleep(0.2)
    raise RuntimeError(f"timed out waiting for {what} (last error: {last})")


def stop_process(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    """Signal the process's group, wait for the leader, then kill whatever of the group is left."""
    if proc.poll() is None:
        _signal_group(proc.pid, sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _signal_group(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    _signal_group(proc.pid, signal.SIGKILL)


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


class _Service:
    name = "service"

    def __init__(self) -> None:
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.log: Path | None = None

    def _popen(self, args: list[str], log: Path, **kwargs: Any) -> subprocess.Popen:
        self.log = log
        with open(log, "wb") as out:  # the child keeps its own descriptor
            self.proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                         stdin=subprocess.DEVNULL, **kwargs)
        return self.proc

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)

    def tail(self, lines: int = 40) -> str:
        if self.log is None or not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            print(f"===== {self.name} =====\n{self.tail()}")
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        raise NotImplementedError


class Postgres(_Service):
    """A throw-away PostgreSQL 15 cluster: initdb into a temporary folder, one database and a password user.
    Root cannot run postgres: as root the cluster belongs to, and runs as, the ``postgres`` system user."""

    name = "postgres"
    user = "airflow"
    database = "airflow"

    def __init__(self) -> None:
        super().__init__()
        self.password = os.urandom(8).hex()
        self.root = Path(tempfile.mkdtemp(prefix="akhbar-pg-"))  # not under pytest's 0700 tmp: postgres reads it
        self.run_as: dict[str, Any] = {}
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self.run_as = {"user": owner.pw_uid, "group": owner.pw_gid, "extra_groups": [],
                           "env": {"PATH": os.environ.get("PATH", ""), "HOME": str(self.root), "LC_ALL": "C.UTF-8"}}

    @property
    def url(self) -> str:
        """SQLAlchemy URL (psycopg2 driver)."""
        return f"postgresql+psycopg2://{self.user}:{self.password}@127.0.0.1:{self.port}/{self.database}"

    def start(self) -> None:
        data = self.root / "data"
        pwfile = self.root / "pw"
        pwfile.write_text(self.password)
        if self.run_as:
            os.chown(pwfile, self.run_as["user"], self.run_as["group"])
        subprocess.run([str(PG_BIN / "initdb"), "-D", str(data), "-U", self.user, f"--pwfile={pwfile}",
                        "--auth=scram-sha-256", "--encoding=UTF8", "--no-sync"], check=True, capture_output=True,
                       timeout=120, **self.run_as)
        self._popen([str(PG_BIN / "postgres"), "-D", str(data), "-p", str(self.port), "-h", "127.0.0.1",
                     "-k", str(self.root), "-c", "fsync=off", "-c", "max_connections=200"],
                    self.root / "postgres.log", **self.run_as)
        env = {**os.environ, "PGPASSWORD": self.password}
        wait_until("postgres", lambda: subprocess.run(
            [str(PG_BIN / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)], capture_output=True).returncode
            == 0, timeout=60, proc=self.proc)
        subprocess.run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user,
                        self.database], check=True, capture_output=True, env=env, timeout=60)

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc, signal.SIGINT)  # "fast" shutdown: ends sessions, checkpoints, exits
        shutil.rmtree(self.root, ignore_errors=True)


class Redis(_Service):
    """redis-server without persistence, in a temporary folder."""

    name = "redis"

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                     "--appendonly", "no", "--dir", str(self.folder)], self.folder / "redis.log")
        wait_until("redis", self._ping, timeout=30, proc=self.proc)

    def _ping(self) -> bool:
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")


class MotoS3(_Service):
    """moto's server mode: an S3 API on loopback (any credentials are accepted)."""

    name = "moto_server"
    access_key = "akhbar-test-key"
    secret_key = "akhbar-test-secret"
    region = "us-east-1"

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        """What s3fs/botocore (and so the lake) need to use this server: AWS_ENDPOINT_URL and credentials."""
        return {"AWS_ENDPOINT_URL": self.endpoint, "AWS_ACCESS_KEY_ID": self.access_key,
                "AWS_SECRET_ACCESS_KEY": self.secret_key, "AWS_DEFAULT_REGION": self.region}

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._popen([str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.port)],
                    self.folder / "moto.log")
        wait_until("moto_server", lambda: urllib.request.urlopen(f"{self.endpoint}/moto-api/", timeout=2),
                   timeout=60, proc=self.proc)

    def create_bucket(self, name: str) -> None:
        import boto3

        boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id=self.access_key,
                     aws_secret_access_key=self.secret_key, region_name=self.region).create_bucket(Bucket=name)
