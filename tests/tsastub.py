"""A local RFC 3161 timestamp server for the tests: OpenSSL's own `openssl ts -reply` answers each query, signed by
a TSA certificate the test makes (under a root it also makes), served over HTTP on 127.0.0.1."""

from __future__ import annotations

import subprocess
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

#: openssl ts's configuration: SHA-256 signing, a policy, one second of accuracy
CONFIG = """[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = {folder}/serial
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ess_cert_id_alg = sha256
"""


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def make_authority(folder: Path, name: str = "اختبار ختم زمني") -> Path:
    """A root (``root.pem``) and a TSA certificate under it (``tsa.pem``, ``tsa.key``) in ``folder``; returns
    the root's path."""
    now = datetime.now(UTC)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = (x509.CertificateBuilder().subject_name(_name(f"{name} root")).issuer_name(_name(f"{name} root"))
            .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name(name)).issuer_name(root.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "root.pem").write_bytes(root.public_bytes(serialization.Encoding.PEM))
    (folder / "tsa.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "tsa.key").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    (folder / "serial").write_text("01\n")
    (folder / "ts.cnf").write_text(CONFIG.format(folder=folder))
    return folder / "root.pem"


class TimestampServer:
    """``with TimestampServer(folder) as url:`` an RFC 3161 server on 127.0.0.1 (folder from make_authority);
    ``queries`` counts what it answered."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.queries = 0
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                query = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with stub._lock:
                    stub.queries += 1
                    asked, reply = stub.folder / "query.tsq", stub.folder / "reply.tsr"
                    asked.write_bytes(query)
                    reply.unlink(missing_ok=True)
                    done = subprocess.run(
                        ["openssl", "ts", "-reply", "-config", str(stub.folder / "ts.cnf"), "-queryfile", str(asked),
                         "-signer", str(stub.folder / "tsa.pem"), "-inkey", str(stub.folder / "tsa.key"), "-out",
                         str(reply)], capture_output=True, timeout=30)
                    answer = reply.read_bytes() if done.returncode == 0 and reply.exists() else b""
                self.send_response(200 if answer else 500)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self._thread.start()
        return f"http://127.0.0.1:{self._server.server_address[1]}/tsa"

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
