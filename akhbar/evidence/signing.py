"""Signing a package's digest with a key the user holds, and an optional RFC 3161 timestamp of that signature.

The signature is the "anonymous" kind of Webrecorder's WACZ Signing and Verification (wacz-auth 0.1.0), as
ArchiveWeb.page writes it and ReplayWeb.page checks it (wabac.js imports the key as ECDSA P-384 and verifies with
SHA-256): ECDSA P-384 with SHA-256 over the UTF-8 text of ``hash`` (``sha256:<hex>`` of ``datapackage.json``), the
signature base64 of r||s (96 bytes, WebCrypto's form), the public key base64 of its DER SubjectPublicKeyInfo. The
spec names no curve; a P-256 signature (other tools') is verified here too, but ReplayWeb.page would not.
``created`` is datapackage.json's. Whoever verifies learns that the holder of that key signed these exact bytes;
who holds the key, the signer tells them apart from the file (its fingerprint, :func:`fingerprint`, is what
``akhbar verify`` prints and checks against ``--public-key``).

With ``--tsa URL`` the signature is also timestamped by that RFC 3161 server, as the spec's domain-identity kind
does it (authsign's convention): the server signs SHA-256 of the base64 signature text; ``timeSignature`` is
the server's whole TimeStampResp (base64 DER), ``timestampCert`` the certificates it returned (PEM, its own
first, then the root given with ``--tsa-ca``). The spec lists these two fields for its other kind only; an
anonymous signature carrying them stays verifiable by tools that ignore them (py-wacz, ReplayWeb.page), and the
timestamp proves that the signature, so the package, existed by the server's time.
"""

from __future__ import annotations

import base64
import hashlib
import os
import stat
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

#: the properties of an anonymous signedData, and the timestamp's two (see the module docstring)
ANONYMOUS_FIELDS = {"hash", "created", "software", "version", "signature", "publicKey"}
TIMESTAMP_FIELDS = {"timeSignature", "timestampCert"}
#: the spec's step 7: the timestamp within this of ``created``
TIMESTAMP_SLACK = timedelta(minutes=10)
#: a key file larger than this is not a key
MAX_KEY_BYTES = 64 * 1024
#: an RFC 3161 answer larger than this is not one
MAX_TSA_BYTES = 1 << 20
TSA_TIMEOUT = 30


class SignatureInvalid(ValueError):
    """A signature or timestamp that does not hold (the package was changed, or was signed otherwise)."""


def _read_key_file(path: Path, what: str) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise ValueError(f"{what} {path} does not exist") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError(f"{what} {path} is not a regular file")
        data = fh.read(MAX_KEY_BYTES + 1)
    if len(data) > MAX_KEY_BYTES:
        raise ValueError(f"{what} {path} is larger than {MAX_KEY_BYTES} bytes: not a key")
    return data


#: the curve akhbar signs with (ReplayWeb.page's), and those it verifies
CURVE = ec.SECP384R1
VERIFIED_CURVES = (ec.SECP384R1, ec.SECP256R1)


def _curve(key, path: Path, what: str, curves: tuple[type, ...] = (CURVE,)):
    if not isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey) or \
            not isinstance(key.curve, curves):
        kind = key.curve.name if isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey) \
            else type(key).__name__.removeprefix("_").replace("PrivateKey", "").replace("PublicKey", "")
        raise ValueError(f"{what} {path} is a {kind} key: WACZ signatures are ECDSA P-384, the curve "
                         "ReplayWeb.page verifies (make one with `akhbar keygen -o KEY.pem`)")
    return key


def load_private_key(path: Path) -> ec.EllipticCurvePrivateKey:
    """An unencrypted P-384 private key in PEM (PKCS#8 as `akhbar keygen` writes it, or SEC1 as `openssl ecparam
    -name secp384r1 -genkey` does); ValueError saying what is wrong otherwise."""
    data = _read_key_file(path, "key file")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise ValueError(f"key file {path} is encrypted: give an unencrypted key (keep the file private: mode "
                         "600)") from None
    except (ValueError, UnsupportedAlgorithm):
        raise ValueError(f"key file {path} is not a PEM private key (make one with `akhbar keygen -o "
                         "KEY.pem`)") from None
    return _curve(key, path, "key file")


def load_public_key(path: Path) -> ec.EllipticCurvePublicKey:
    """A P-384 (or P-256) public key: PEM (``-----BEGIN PUBLIC KEY-----``, as `akhbar keygen` writes KEY.pub),
    the base64 text a package's ``publicKey`` holds, or the private key file itself."""
    data = _read_key_file(path, "public key file")
    try:
        if b"PRIVATE KEY-----" in data:
            key = serialization.load_pem_private_key(data, password=None).public_key()
            return _curve(key, path, "public key file", VERIFIED_CURVES)
        if b"-----BEGIN" in data:
            key = serialization.load_pem_public_key(data)
        else:
            key = serialization.load_der_public_key(base64.b64decode(data.strip(), validate=True))
    except (ValueError, UnsupportedAlgorithm, TypeError):
        raise ValueError(f"public key file {path} is not a PEM public key (KEY.pub from `akhbar keygen`)") from None
    return _curve(key, path, "public key file", VERIFIED_CURVES)


def public_der(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def fingerprint(key: ec.EllipticCurvePublicKey) -> str:
    """``sha256:<hex>`` of the key's DER SubjectPublicKeyInfo: what a signer publishes for others to compare."""
    return "sha256:" + hashlib.sha256(public_der(key)).hexdigest()


def public_key_path(private: Path) -> Path:
    """KEY.pem -> KEY.pub; any other name gets .pub added."""
    return private.with_suffix(".pub") if private.suffix == ".pem" else private.with_name(private.name + ".pub")


def generate_key(path: Path) -> tuple[Path, Path, str]:
    """A new P-384 key: the private key in ``path`` (PKCS#8 PEM, mode 600, never over an existing file) and the
    public key beside it (:func:`public_key_path`); returns both paths and the fingerprint."""
    public = public_key_path(path)
    for p in (path, public):
        if os.path.lexists(p):
            raise ValueError(f"{p} exists: a key is never overwritten (choose another name)")
    key = ec.generate_private_key(CURVE())
    private_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    public_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(private_pem)
    try:
        fd = os.open(public, flags, 0o644)
    except OSError:
        os.unlink(path)
        raise
    with os.fdopen(fd, "wb") as fh:
        fh.write(public_pem)
    return path, public, fingerprint(key.public_key())


def check_tsa_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"--tsa {url}: expected the http(s) URL of an RFC 3161 timestamp server")
    return url


@dataclass
class Signer:
    """What signs a package: the user's key, and the timestamp server they named (or None)."""

    key: ec.EllipticCurvePrivateKey
    tsa: str | None = None
    software: str = "akhbar"
    version: str = ""
    #: root certificates the server's answer must chain to, carried in the package beside its certificates
    tsa_roots: list[x509.Certificate] | None = None
    #: the timestamp server's time for the last signature (RFC 3339), when it stamped one
    stamped_at: str | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key.public_key())

    def sign(self, digest_hash: str, created: str) -> dict[str, str]:
        """The signedData for a package whose datapackage.json hashes to ``digest_hash``."""
        der = self.key.sign(digest_hash.encode("utf-8"), ec.ECDSA(hashes.SHA256()))
        r, s = decode_dss_signature(der)
        size = (self.key.curve.key_size + 7) // 8
        signature = base64.b64encode(r.to_bytes(size, "big") + s.to_bytes(size, "big")).decode("ascii")
        signed = {"hash": digest_hash, "created": created, "software": self.software, "version": self.version,
                  "signature": signature,
                  "publicKey": base64.b64encode(public_der(self.key.public_key())).decode("ascii")}
        if self.tsa:
            fields, when = timestamp(self.tsa, signature.encode("ascii"), self.tsa_roots or [])
            signed.update(fields)
            self.stamped_at = f"{when:%Y-%m-%dT%H:%M:%SZ}"
        return signed


def timestamp(url: str, message: bytes, roots: list[x509.Certificate], timeout: float = TSA_TIMEOUT
              ) -> tuple[dict[str, str], datetime]:
    """``timeSignature`` and ``timestampCert``, and the server's time, from the RFC 3161 server at ``url`` for
    ``message`` (SHA-256, a nonce, its certificates requested); ValueError when it answers anything but a granted,
    matching token, or one that does not chain to ``roots`` when given. ``timestampCert`` holds the server's
    certificates and then ``roots``: with a root in it a verifier checks the token's signature without being
    handed the root (and decides whether to trust it)."""
    from rfc3161_client import HashAlgorithm, PKIStatus, TimestampRequestBuilder, decode_timestamp_response

    request = (TimestampRequestBuilder().data(message).hash_algorithm(HashAlgorithm.SHA256)
               .cert_request(cert_request=True).nonce(nonce=True).build())
    asked = urllib.request.Request(url, data=request.as_bytes(), method="POST",
                                   headers={"Content-Type": "application/timestamp-query",
                                            "Accept": "application/timestamp-reply"})
    try:
        with urllib.request.urlopen(asked, timeout=timeout) as answer:
            body = answer.read(MAX_TSA_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise ValueError(f"timestamp server {url} answered HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise ValueError(f"timestamp server {url} could not be reached: "
                         f"{getattr(exc, 'reason', None) or exc}") from None
    if len(body) > MAX_TSA_BYTES:
        raise ValueError(f"timestamp server {url} answered more than {MAX_TSA_BYTES} bytes")
    try:
        response = decode_timestamp_response(body)
    except ValueError as exc:
        raise ValueError(f"timestamp server {url} did not answer a readable RFC 3161 TimeStampResp ({exc})") \
            from None
    if response.status != PKIStatus.GRANTED:
        raise ValueError(f"timestamp server {url} refused: status {response.status} "
                         f"{' '.join(response.status_string)}".rstrip())
    info = response.tst_info
    if info.message_imprint.message != hashlib.sha256(message).digest() or info.nonce != request.nonce:
        raise ValueError(f"timestamp server {url} stamped something else (its imprint or nonce differ)")
    chain = _certificates(response)
    if not chain:
        raise ValueError(f"timestamp server {url} returned no certificate although asked for it")
    try:  # a token that does not hold is refused now, not at verify
        _check_token(response, message, chain, roots)
    except SignatureInvalid as exc:
        raise ValueError(f"timestamp server {url}: {exc}") from None
    chain += [root for root in roots if root not in chain]
    return ({"timeSignature": base64.b64encode(response.as_bytes()).decode("ascii"),
             "timestampCert": _pem(chain)},
            info.gen_time.astimezone(UTC))


def _certificates(response) -> list[x509.Certificate]:
    """The response's certificates, the signer's first."""
    certs = [x509.load_der_x509_certificate(c) for c in response.signed_data.certificates]
    signers = list(response.signed_data.signer_infos)
    if len(signers) == 1:
        certs.sort(key=lambda c: not (c.issuer == signers[0].issuer and c.serial_number == signers[0].serial_number))
    return certs


def _check_token(response, message: bytes, chain: list[x509.Certificate], roots: list[x509.Certificate]) -> str:
    """How far the token for ``message`` was checked: ``root`` (its signature chained to one of ``roots``),
    ``self`` (to the self-signed root the server sent along: consistent, but anyone can make such a root) or
    ``imprint`` (only that it stamps ``message``: without a root the signature cannot be checked);
    SignatureInvalid when what was checked does not hold."""
    from rfc3161_client import VerificationError, VerifierBuilder

    if response.tst_info.message_imprint.message != hashlib.new(
            _HASHES.get(response.tst_info.message_imprint.hash_algorithm.dotted_string, "sha256"), message).digest():
        raise SignatureInvalid("the RFC 3161 timestamp stamps something else than this signature")
    own = [c for c in chain if c.issuer == c.subject]
    if not roots and not own:
        return "imprint"
    # anchors only: rfc3161-client trusts every certificate it is handed, intermediates included, so a chain
    # read from the package is never handed over (OpenSSL finds the server's certificate in the token itself)
    builder = VerifierBuilder()
    for anchor in roots or own:
        builder = builder.add_root_certificate(anchor)
    try:
        builder.build().verify_message(response, message)
    except VerificationError as exc:
        raise SignatureInvalid(f"the RFC 3161 timestamp does not hold: {exc}") from None
    return "root" if roots else "self"


#: the message imprint's hash algorithms (RFC 3161 servers answer in the one asked: SHA-256 here)
_HASHES = {"2.16.840.1.101.3.4.2.1": "sha256", "2.16.840.1.101.3.4.2.2": "sha384", "2.16.840.1.101.3.4.2.3": "sha512"}


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


@dataclass(frozen=True)
class Checked:
    """What a verified signature says."""

    fingerprint: str
    key_matches: bool | None  # None: no key was given to compare
    timestamp: datetime | None = None
    tsa: str | None = None  # the timestamp certificate's subject
    #: how the timestamp's signature was checked (_check_token): root, self or imprint; None: no timestamp
    tsa_checked: str | None = None


def load_certificates(path: Path) -> list[x509.Certificate]:
    data = _read_key_file(path, "certificate file")
    try:
        certs = x509.load_pem_x509_certificates(data)
    except ValueError:
        raise ValueError(f"certificate file {path} holds no PEM certificate") from None
    return certs


def check(signed: dict, digest_hash: str, created: str | None, *,
          public_key: ec.EllipticCurvePublicKey | None = None,
          tsa_roots: list[x509.Certificate] | None = None) -> Checked:
    """Verify an anonymous signedData (see the module docstring) over ``digest_hash``; SignatureInvalid saying
    what does not hold. ``public_key``: the key it must be made with; ``tsa_roots``: the roots the timestamp
    server's chain must lead to (without them the chain is only checked to be consistent)."""
    if not isinstance(signed, dict) or not isinstance(signed.get("publicKey"), str):
        raise SignatureInvalid("the signature is not of the public-key kind (no publicKey): akhbar checks that "
                               "kind only")
    unknown = set(signed) - ANONYMOUS_FIELDS - TIMESTAMP_FIELDS
    if unknown:
        raise SignatureInvalid(f"the signature has fields no signature has: {', '.join(sorted(unknown))}")
    if signed.get("hash") != digest_hash:
        raise SignatureInvalid("the signature is of another datapackage.json (its hash differs from the digest)")
    if created is not None and signed.get("created") != created:
        raise SignatureInvalid("the signature's created time differs from datapackage.json's")
    try:
        key = serialization.load_der_public_key(_b64(signed, "publicKey"))
        raw = _b64(signed, "signature")
    except (ValueError, UnsupportedAlgorithm):
        raise SignatureInvalid("the signature's public key or signature is not valid base64 DER") from None
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, VERIFIED_CURVES):
        raise SignatureInvalid("the signature's key is not an ECDSA P-384 or P-256 key")
    size = (key.curve.key_size + 7) // 8
    der = encode_dss_signature(int.from_bytes(raw[:size], "big"), int.from_bytes(raw[size:], "big")) \
        if len(raw) == 2 * size else raw
    try:
        key.verify(der, digest_hash.encode("utf-8"), ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError):
        raise SignatureInvalid("the signature does not match datapackage.json's hash: changed after signing") \
            from None
    matches = None
    if public_key is not None:
        matches = public_der(public_key) == public_der(key)
        if not matches:
            raise SignatureInvalid(f"signed with key {fingerprint(key)}, not with the key you gave "
                                   f"({fingerprint(public_key)})")
    if "timeSignature" not in signed:
        return Checked(fingerprint(key), matches)
    return _check_timestamp(signed, created, key, matches, tsa_roots)


def _b64(signed: dict, name: str) -> bytes:
    """A base64 field, in the one form an encoder writes (Python's decoder also takes other trailing bits, so a
    changed last character could decode the same)."""
    text = signed.get(name)
    if not isinstance(text, str):
        raise ValueError(f"{name} is not text")
    raw = base64.b64decode(text, validate=True)
    if base64.b64encode(raw).decode("ascii") != text:
        raise ValueError(f"{name} is not in canonical base64")
    return raw


def _pem(certs: list[x509.Certificate]) -> str:
    return "".join(c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in certs)


def _check_timestamp(signed: dict, created: str | None, key, matches: bool | None,
                     roots: list[x509.Certificate] | None) -> Checked:
    from rfc3161_client import decode_timestamp_response

    try:
        response = decode_timestamp_response(_b64(signed, "timeSignature"))
        text = signed.get("timestampCert")
        chain = x509.load_pem_x509_certificates(text.encode("ascii")) if text else _certificates(response)
    except (ValueError, KeyError, AttributeError, UnicodeEncodeError):
        raise SignatureInvalid("the RFC 3161 timestamp or its certificates cannot be read") from None
    if not chain:
        raise SignatureInvalid("the RFC 3161 timestamp comes without its server's certificate")
    if text and text != _pem(chain):
        raise SignatureInvalid("timestampCert is not the PEM text of its certificates: changed")
    embedded = _certificates(response)
    if embedded and embedded[0] != chain[0]:
        raise SignatureInvalid("timestampCert names another server certificate than the timestamp itself")
    how = _check_token(response, str(signed["signature"]).encode("ascii"), chain, roots or [])
    if how == "imprint":
        raise SignatureInvalid("the RFC 3161 timestamp's signature cannot be checked: no root certificate came "
                               "with it (give the timestamp server's root with --tsa-ca)")
    when = response.tst_info.gen_time.astimezone(UTC)
    if created is not None and abs(when - _utc(created)) > TIMESTAMP_SLACK:
        raise SignatureInvalid(f"the timestamp ({when:%Y-%m-%dT%H:%M:%SZ}) is more than 10 minutes from the "
                               f"package's created time ({created})")
    return Checked(fingerprint(key), matches, when, chain[0].subject.rfc4514_string(), how)
