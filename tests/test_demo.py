"""The demo keeps to its own archive (data/demo, whatever AKHBAR_DATA_DIR says) and its own fixed port."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

AKHBAR = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "akhbar"


def test_the_demo_writes_data_demo_not_the_archive_and_a_busy_port_is_a_user_error(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.11", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = {**os.environ, "AKHBAR_DATA_DIR": str(tmp_path / "archive")}
        proc = subprocess.run([str(AKHBAR), "demo", "--port", str(port)], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"error: the demo's test-web port {port} is in use (another demo running?): "
                                   "stop it or pass --port N")
    assert (tmp_path / "data" / "demo").is_dir() and not (tmp_path / "archive").exists()
