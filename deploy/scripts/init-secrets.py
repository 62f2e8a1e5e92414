#!/usr/bin/env python3
"""Create (or check) the secret files an overlay's secretGenerator reads.

    python3 deploy/scripts/init-secrets.py deploy/overlays/single-node \
        --jwt-public-key /path/to/token-signing-public-key.pem
    python3 deploy/scripts/init-secrets.py deploy/overlays/production --check

Writes OVERLAY/secrets/<name> for every missing file, with random values and
mode 0600, without a trailing newline. Existing files are never overwritten
(deleting and regenerating a cipher key makes the existing event store
unreadable). The files are ignored by git (deploy/.gitignore); keep them in
your secret store, not in the repository.

The JWT public key must come from whoever signs the tokens
(--jwt-public-key): Ed25519, PEM; while the signing key is rotated the file
holds several PEM blocks, old and new (deploy/README.md). With
--generate-dev-jwt-key an Ed25519 key pair is created with openssl for a
development install (the private key stays in
OVERLAY/secrets/jwt-private-key.pem and is not put into any Secret).

An overlay with TLS on NATS (its kustomization reads secrets/nats-tls.crt: production) also gets
a private CA (OVERLAY/secrets/nats-ca.key stays out of every Secret) and the NATS server's
certificate, made with openssl, for the in-cluster names and every --nats-host NAME (the
external load balancer's DNS name producers connect to). Put your own PKI's files there instead
to use them.

--check validates the files without writing anything (exit status 1 on
problems). Standard library only.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import os
import re
import secrets
import shutil
import string
import subprocess
import sys
from pathlib import Path

SERVICES = ("identification", "adjustment", "followup", "audit")
# Producer systems get their NATS users from the producer registry (operator data): the shipped
# default, or the operator's own file named by CADRE_PRODUCER_REGISTRY.
REGISTRY = Path(os.environ.get("CADRE_PRODUCER_REGISTRY")
                or Path(__file__).resolve().parents[2] / "shared" / "producers" / "registry.json")
PRODUCERS = tuple(p["name"] for p in json.loads(REGISTRY.read_text(encoding="utf-8"))["producers"])
DB_OWNER = "cadre"  # must equal spec.bootstrap.initdb.owner of the CNPG Cluster
AES_KEY_SIZES = (16, 24, 32)  # eventsourcing.cryptography:AESCipher

# NATS resolves $VARIABLES from the environment and parses their values, so a
# password that looks like a number, size or boolean would not be a string:
# start with a letter and use letters and digits only.
PASSWORD_RE = re.compile(r"^[A-Za-z][A-Za-z0-9]{23,127}$")
DB_PASSWORD_RE = re.compile(r"^[A-Za-z0-9]{24,128}$")
PUBLIC_KEY_BLOCK_RE = re.compile(
    r"-----BEGIN PUBLIC KEY-----\n([A-Za-z0-9+/=\n]+)\n-----END PUBLIC KEY-----\n?"
)
# DER SubjectPublicKeyInfo of an Ed25519 key: this prefix (algorithm 1.3.101.112), then 32 bytes.
# The services verify EdDSA tokens only (shared/access/tokens.py).
ED25519_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")

# The JetStream encryption key is resolved by nats-server like a password: the same rules.
PASSWORD_FILES = tuple(f"nats-{name}-password" for name in ("admin",) + SERVICES + PRODUCERS) + (
    "nats-jetstream-key",)
CIPHER_FILES = tuple(f"cipher-key-{svc}" for svc in SERVICES)
# The audit service's checkpoint signing key (Ed25519, PKCS#8 PEM): its writer proofs derive from
# it too, so it must never be kept in the database it vouches for.
AUDIT_SIGNING_KEY = "audit-signing-key.pem"
ALL_FILES = ("db-username", "db-password") + PASSWORD_FILES + CIPHER_FILES + (
    "jwt-public-key.pem", AUDIT_SIGNING_KEY)
# DER PKCS#8 of an Ed25519 private key: this prefix, then the 32-byte seed.
ED25519_PKCS8_PREFIX = bytes.fromhex("302e020100300506032b657004220420")
PRIVATE_KEY_BLOCK_RE = re.compile(
    r"^-----BEGIN PRIVATE KEY-----\n([A-Za-z0-9+/=\n]+)\n-----END PRIVATE KEY-----\n?$"
)


def random_password(length: int = 40) -> str:
    first = secrets.choice(string.ascii_letters)
    rest = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(length - 1))
    return first + rest


def random_cipher_key(num_bytes: int = 32) -> str:
    return base64.b64encode(os.urandom(num_bytes)).decode("ascii")


def write_secret(path: Path, value: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii", newline="") as f:
        f.write(value)


def random_signing_key() -> str:
    """A new Ed25519 private key as PKCS#8 PEM: the seed is 32 random bytes."""
    der = base64.b64encode(ED25519_PKCS8_PREFIX + os.urandom(32)).decode("ascii")
    return f"-----BEGIN PRIVATE KEY-----\n{der}\n-----END PRIVATE KEY-----\n"


def check_signing_key(name: str, value: str) -> list[str]:
    match = PRIVATE_KEY_BLOCK_RE.match(value)
    if match is None:
        return [f"{name}: not one PEM private key block (-----BEGIN PRIVATE KEY-----)"]
    try:
        der = base64.b64decode(match.group(1).replace("\n", ""), validate=True)
    except (binascii.Error, ValueError):
        return [f"{name}: not base64"]
    if not (der.startswith(ED25519_PKCS8_PREFIX) and len(der) == len(ED25519_PKCS8_PREFIX) + 32):
        return [f"{name}: not an Ed25519 private key (PKCS#8)"]
    return []


def generate_dev_jwt_key(secrets_dir: Path) -> str:
    openssl = shutil.which("openssl")
    if openssl is None:
        raise SystemExit("openssl not found: pass --jwt-public-key PATH instead")
    private = secrets_dir / "jwt-private-key.pem"
    if not private.exists():
        old_umask = os.umask(0o077)
        try:
            subprocess.run(
                [
                    openssl,
                    "genpkey",
                    "-algorithm",
                    "ed25519",
                    "-out",
                    str(private),
                ],
                check=True,
                capture_output=True,
            )
        finally:
            os.umask(old_umask)
    out = subprocess.run(
        [openssl, "pkey", "-in", str(private), "-pubout"],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


def check_file(name: str, path: Path) -> list[str]:
    if not path.is_file():
        return [f"{name}: missing ({path})"]
    raw = path.read_bytes()
    try:
        value = raw.decode("ascii")
    except UnicodeDecodeError:
        return [f"{name}: not ASCII"]
    problems = []
    pem = name in ("jwt-public-key.pem", AUDIT_SIGNING_KEY)
    if not pem and value != value.strip():
        problems.append(f"{name}: leading/trailing whitespace or newline (use printf '%s', not echo)")
    value = value if pem else value.strip()
    if name == "db-username":
        if value != DB_OWNER:
            problems.append(f"{name}: must be {DB_OWNER!r} (the CNPG Cluster's initdb owner)")
    elif name == "db-password":
        if not DB_PASSWORD_RE.match(value):
            problems.append(f"{name}: use 24-128 letters and digits")
    elif name in PASSWORD_FILES:
        if not PASSWORD_RE.match(value):
            problems.append(f"{name}: use 24-128 letters and digits, starting with a letter")
    elif name in CIPHER_FILES:
        try:
            key = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            problems.append(f"{name}: not base64")
        else:
            if len(key) not in AES_KEY_SIZES:
                problems.append(f"{name}: must decode to 16, 24 or 32 bytes, not {len(key)}")
    elif name == AUDIT_SIGNING_KEY:
        problems.extend(check_signing_key(name, value))
    elif name == "jwt-public-key.pem":
        if "PRIVATE KEY" in value:
            problems.append(f"{name}: contains a PRIVATE key; only the public key belongs here")
        else:
            problems.extend(check_public_keys(name, value))
    if path.stat().st_mode & 0o077:
        problems.append(f"{name}: readable by group/others (chmod 600)")
    return problems


def check_public_keys(name: str, value: str) -> list[str]:
    """One or more PEM blocks (several while the signing key is rotated), each an Ed25519 key."""
    blocks = PUBLIC_KEY_BLOCK_RE.findall(value)
    if not blocks or PUBLIC_KEY_BLOCK_RE.sub("", value).strip():
        return [f"{name}: not PEM public key blocks (-----BEGIN PUBLIC KEY-----)"]
    problems = []
    for number, block in enumerate(blocks, start=1):
        try:
            der = base64.b64decode(block.replace("\n", ""), validate=True)
        except (binascii.Error, ValueError):
            problems.append(f"{name}: key {number} is not base64")
            continue
        if not (der.startswith(ED25519_SPKI_PREFIX) and len(der) == len(ED25519_SPKI_PREFIX) + 32):
            problems.append(f"{name}: key {number} is not an Ed25519 public key (tokens are EdDSA)")
    return problems


TLS_FILES = ("nats-ca.crt", "nats-tls.crt", "nats-tls.key")
# The names clients inside the cluster use for NATS (namespace cadre), and each server's own.
NATS_DNS_NAMES = ("nats", "nats.cadre", "nats.cadre.svc", "nats.cadre.svc.cluster.local",
                  "*.nats-headless.cadre.svc.cluster.local", "nats-external.cadre.svc")


def uses_tls(overlay: Path) -> bool:
    return "secrets/nats-tls.crt" in (overlay / "kustomization.yaml").read_text(encoding="utf-8")


def generate_nats_tls(secrets_dir: Path, hosts: list[str]) -> list[str]:
    """A private CA and a server certificate signed by it (EC P-256), with openssl."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise SystemExit("openssl not found: put nats-ca.crt, nats-tls.crt and nats-tls.key in "
                         f"{secrets_dir} yourself")
    ca_key, ca = secrets_dir / "nats-ca.key", secrets_dir / "nats-ca.crt"
    key, cert = secrets_dir / "nats-tls.key", secrets_dir / "nats-tls.crt"
    run = lambda *args: subprocess.run([openssl, *args], check=True, capture_output=True)  # noqa: E731
    old_umask = os.umask(0o077)
    try:
        if not ca.exists():
            run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", str(ca_key), "-out", str(ca), "-days", "3650",
                "-subj", "/CN=cadre-lifecycle NATS CA",
                "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        names = ",".join(f"DNS:{n}" for n in (*NATS_DNS_NAMES, *hosts))
        extensions = secrets_dir / "nats-tls.ext"
        extensions.write_text(f"subjectAltName={names}\nextendedKeyUsage=serverAuth\n")
        request = secrets_dir / "nats-tls.csr"
        run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", str(key), "-out", str(request), "-subj", "/CN=nats")
        run("x509", "-req", "-in", str(request), "-CA", str(ca), "-CAkey", str(ca_key),
            "-CAcreateserial", "-out", str(cert), "-days", "825", "-extfile", str(extensions))
        for leftover in (request, extensions, secrets_dir / "nats-ca.srl"):
            leftover.unlink(missing_ok=True)
    finally:
        os.umask(old_umask)
    return list(TLS_FILES)


def check_pem(name: str, path: Path, marker: str) -> list[str]:
    if not path.is_file():
        return [f"{name}: missing"]
    if f"-----BEGIN {marker}" not in path.read_text(encoding="ascii", errors="replace"):
        return [f"{name}: not a PEM {marker.lower()}"]
    return []


def check(secrets_dir: Path, tls: bool = False) -> list[str]:
    problems = []
    for name in ALL_FILES:
        problems.extend(check_file(name, secrets_dir / name))
    if tls:
        problems += check_pem("nats-ca.crt", secrets_dir / "nats-ca.crt", "CERTIFICATE")
        problems += check_pem("nats-tls.crt", secrets_dir / "nats-tls.crt", "CERTIFICATE")
        problems += check_pem("nats-tls.key", secrets_dir / "nats-tls.key", "PRIVATE KEY")
    return problems


def init(secrets_dir: Path, jwt_public_key: Path | None, generate_dev_jwt: bool) -> list[str]:
    secrets_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    created = []
    values = {"db-username": lambda: DB_OWNER, "db-password": random_password}
    values.update({name: random_password for name in PASSWORD_FILES})
    values.update({name: random_cipher_key for name in CIPHER_FILES})
    values[AUDIT_SIGNING_KEY] = random_signing_key
    for name, make in values.items():
        path = secrets_dir / name
        if not path.exists():
            write_secret(path, make())
            created.append(name)
    jwt = secrets_dir / "jwt-public-key.pem"
    if not jwt.exists():
        if jwt_public_key is not None:
            write_secret(jwt, jwt_public_key.read_text(encoding="ascii"))
        elif generate_dev_jwt:
            write_secret(jwt, generate_dev_jwt_key(secrets_dir))
        else:
            raise SystemExit(
                f"{jwt} is missing: pass --jwt-public-key PATH (the token signer's "
                "public key) or --generate-dev-jwt-key"
            )
        created.append(jwt.name)
    return created


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("overlay", type=Path, help="overlay directory, e.g. deploy/overlays/production")
    parser.add_argument("--jwt-public-key", type=Path, help="PEM public key that verifies access tokens")
    parser.add_argument(
        "--generate-dev-jwt-key",
        action="store_true",
        help="development only: create an Ed25519 key pair with openssl",
    )
    parser.add_argument("--nats-host", action="append", default=[],
                        help="a DNS name producers outside the cluster use for NATS (repeatable)")
    parser.add_argument("--check", action="store_true", help="only validate the existing files")
    args = parser.parse_args(argv)
    if not (args.overlay / "kustomization.yaml").is_file():
        parser.error(f"{args.overlay} has no kustomization.yaml")
    secrets_dir = args.overlay / "secrets"
    tls = uses_tls(args.overlay)
    if not args.check:
        created = init(secrets_dir, args.jwt_public_key, args.generate_dev_jwt_key)
        if tls and not all((secrets_dir / name).exists() for name in TLS_FILES):
            created += generate_nats_tls(secrets_dir, args.nats_host)
        for name in created:
            print(f"created {secrets_dir / name}")
    problems = check(secrets_dir, tls)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
