"""No secret material in the repository; Secrets only from operator-provided
files via secretGenerator; deploy/scripts/init-secrets.py makes valid files."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from pathlib import Path

import deploy_support as ds
import pytest
import yaml
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key

FORBIDDEN_SUFFIXES = {".pem", ".key", ".env", ".p12", ".pfx", ".jks", ".crt", ".der"}
# Candidates for keys, passwords, tokens: long unbroken base64/hex-like runs.
TOKEN = re.compile(r"[A-Za-z0-9+/_=-]{24,}")
ASSIGNED_SECRET = re.compile(r"(?i)\b(password|passwd|token|cipher_key|secret)\b[ \t]*[:=][ \t]*(\S+)")
GENERATED_NAME = re.compile(r"^(?P<base>[a-z0-9-]+)-[a-z0-9]{10}$")


def looks_like_secret(token: str) -> bool:
    """Mixed-case letters and digits, and little repetition: random, not a path or a name."""
    if not (re.search(r"[a-z]", token) and re.search(r"[A-Z]", token) and re.search(r"[0-9]", token)):
        return False
    return len(set(token)) >= len(token) * 0.4


def deploy_files() -> list[Path]:
    """Files under deploy/ and tests/deploy/ that git would commit (tracked or
    untracked-but-not-ignored); without git, every file except operator secrets."""
    git = shutil.which("git")
    if git:
        result = subprocess.run(
            [
                git,
                "ls-files",
                "--cached",
                "--others",
                "--exclude-standard",
                "--",
                "deploy",
                "tests/deploy",
            ],
            cwd=ds.REPO_ROOT,
            capture_output=True,
            text=True,
        )
        if result.returncode == 0:
            return [
                ds.REPO_ROOT / line for line in result.stdout.splitlines() if (ds.REPO_ROOT / line).is_file()
            ]
    return [
        p
        for p in ds.DEPLOY_DIR.rglob("*")
        if p.is_file() and not (p.parent.name == "secrets" and p.name != "README.md")
    ]


def test_no_secret_files_or_private_keys_in_the_repository() -> None:
    files = deploy_files()
    assert any(f.name == "kustomization.yaml" for f in files)
    for path in files:
        assert path.suffix.lower() not in FORBIDDEN_SUFFIXES, path
        assert not path.name.startswith(".env"), path
        if path.parent.name == "secrets":
            assert path.name == "README.md", f"operator secret file would be committed: {path}"
        text = path.read_text(errors="replace")
        assert "PRIVATE KEY-----" not in text or path.suffix == ".py", path


def test_secret_detector() -> None:
    assert looks_like_secret("Zx8Qm2LrT5vW9pKa3NcY7hDfB1gJ")
    assert looks_like_secret(base64.b64encode(bytes(range(7, 39))).decode())
    assert not looks_like_secret("/spec/template/spec/containers/0/resources")
    assert not looks_like_secret("app.kubernetes.io/component")


def test_manifests_and_configs_contain_no_secret_values() -> None:
    for path in deploy_files():
        if path.suffix not in {".yaml", ".yml", ".conf"} or not path.is_relative_to(ds.DEPLOY_DIR):
            continue
        text = path.read_text()
        for match in ASSIGNED_SECRET.finditer(text):
            value = match.group(2).strip("\"',")
            # Allowed: $ENV references (NATS) and secretGenerator file paths.
            assert value.startswith(("$", "secrets/")) or value in {"", "{"}, (
                f"{path}: {match.group(0)!r} looks like a literal secret"
            )
        suspicious = [t for t in TOKEN.findall(text) if looks_like_secret(t)]
        assert not suspicious, f"{path}: random-looking strings {suspicious}"
        for doc in yaml.safe_load_all(text) if path.suffix != ".conf" else []:
            if isinstance(doc, dict) and doc.get("kind") == "Secret":
                assert not doc.get("data") and not doc.get("stringData"), (
                    f"{path}: Secret manifest with values; use the overlay's secretGenerator"
                )


def test_operator_secret_files_are_ignored_by_git() -> None:
    git = shutil.which("git")
    if (
        git is None
        or subprocess.run([git, "rev-parse"], cwd=ds.REPO_ROOT, capture_output=True).returncode != 0
    ):
        pytest.skip("not a git checkout")
    for overlay in ds.OVERLAYS:
        secrets = f"deploy/overlays/{overlay}/secrets"
        for name in (
            "db-password",
            "cipher-key-audit",
            "jwt-public-key.pem",
            "audit-signing-key.pem",
            "jwt-private-key.pem",
        ):
            ignored = subprocess.run(
                [git, "check-ignore", "-q", "--no-index", f"{secrets}/{name}"], cwd=ds.REPO_ROOT
            )
            assert ignored.returncode == 0, f"{secrets}/{name} is not git-ignored"
        kept = subprocess.run(
            [git, "check-ignore", "-q", "--no-index", f"{secrets}/README.md"], cwd=ds.REPO_ROOT
        )
        assert kept.returncode == 1, f"{secrets}/README.md must stay tracked"


@pytest.mark.parametrize("overlay", ds.OVERLAYS)
def test_rendering_fails_without_the_operator_secret_files(
    kubectl: str, tmp_path: Path, overlay: str
) -> None:
    tree = ds.copy_deploy_tree(tmp_path)
    result = ds.kustomize(kubectl, tree / "overlays" / overlay)
    assert result.returncode != 0
    assert "secrets/" in result.stderr


def test_rendered_secrets_are_generated_from_the_operator_files(
    rendered: dict[str, list[dict]], deploy_tree: Path
) -> None:
    expected = {
        "cadre-db-app": {"username": "db-username", "password": "db-password"},
        "cadre-nats-users": {n: f"nats-{n}-password" for n in ds.NATS_USERS},
        "cadre-nats-jetstream": {"key": "nats-jetstream-key"},
        "cadre-cipher-keys": {s: f"cipher-key-{s}" for s in ds.SERVICES},
        "cadre-jwt": {"jwt-public-key.pem": "jwt-public-key.pem"},
        "cadre-audit-signing": {"signing-key.pem": "audit-signing-key.pem"},
    }
    # TLS on NATS in production: the server's certificate and key, and the CA clients trust.
    tls = {"cadre-nats-tls": {"tls.crt": "nats-tls.crt", "tls.key": "nats-tls.key",
                              "ca.crt": "nats-ca.crt"}}
    for overlay, docs in rendered.items():
        expected_here = {**expected, **(tls if overlay == "production" else {})}
        secrets_dir = deploy_tree / "overlays" / overlay / "secrets"
        found = {}
        for secret in ds.by_kind(docs, "Secret"):
            match = GENERATED_NAME.match(secret["metadata"]["name"])
            assert match, f"{secret['metadata']['name']}: not from a secretGenerator"
            assert not secret.get("stringData")
            found[match.group("base")] = secret
        assert set(found) == set(expected_here), overlay
        for base, keys in expected_here.items():
            data = found[base]["data"]
            assert set(data) == set(keys)
            for key, filename in keys.items():
                assert base64.b64decode(data[key]) == (secrets_dir / filename).read_bytes()
        assert found["cadre-db-app"]["type"] == "kubernetes.io/basic-auth"
    production = {s["metadata"]["name"].rsplit("-", 1)[0]: s
                  for s in ds.by_kind(rendered["production"], "Secret")}
    assert production["cadre-nats-tls"]["type"] == "kubernetes.io/tls"
    # The CA's own key never leaves the operator's files.
    ca_key = (deploy_tree / "overlays" / "production" / "secrets" / "nats-ca.key").read_bytes()
    assert all(base64.b64decode(value) != ca_key
               for secret in production.values() for value in secret["data"].values())


# ------------------------------------------------------- init-secrets.py ----


@pytest.fixture
def overlay_copy(tmp_path: Path) -> Path:
    tree = ds.copy_deploy_tree(tmp_path)
    return tree / "overlays" / "production"


@pytest.fixture
def public_key(tmp_path: Path) -> Path:
    path = tmp_path / "signer.pub.pem"
    path.write_text(ds.TEST_JWT_PUBLIC_KEY)
    return path


def test_init_secrets_creates_valid_files(overlay_copy: Path, public_key: Path) -> None:
    result = ds.init_secrets(overlay_copy, "--jwt-public-key", str(public_key))
    assert result.returncode == 0, result.stderr
    secrets = overlay_copy / "secrets"
    assert (secrets / "db-username").read_text() == "cadre"
    passwords = [secrets / "db-password"] + sorted(secrets.glob("nats-*-password"))
    assert len(passwords) == 1 + len(ds.NATS_USERS)  # every service, producer and the admin
    passwords.append(secrets / "nats-jetstream-key")
    values = [p.read_text() for p in passwords]
    assert len(set(values)) == len(values), "every password must be different"
    for value in values:
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]{23,}", value), value
    keys = [(secrets / f"cipher-key-{s}").read_text() for s in ds.SERVICES]
    assert len(set(keys)) == 4
    for key in keys:
        assert len(base64.b64decode(key, validate=True)) == 32
    assert (secrets / "jwt-public-key.pem").read_text() == ds.TEST_JWT_PUBLIC_KEY
    # The audit service's checkpoint key, an Ed25519 private key the audit service can load.
    signing = load_pem_private_key((secrets / "audit-signing-key.pem").read_bytes(), password=None)
    assert isinstance(signing, Ed25519PrivateKey)
    for path in secrets.iterdir():
        if path.name != "README.md":
            assert path.stat().st_mode & 0o077 == 0, f"{path.name} readable by others"
    assert ds.init_secrets(overlay_copy, "--check").returncode == 0


def test_init_secrets_never_overwrites(overlay_copy: Path, public_key: Path) -> None:
    assert ds.init_secrets(overlay_copy, "--jwt-public-key", str(public_key)).returncode == 0
    key = overlay_copy / "secrets" / "cipher-key-audit"
    before = key.read_text()
    result = ds.init_secrets(overlay_copy, "--jwt-public-key", str(public_key))
    assert result.returncode == 0
    assert key.read_text() == before
    assert "created" not in result.stdout


def test_init_secrets_requires_the_token_public_key(overlay_copy: Path) -> None:
    result = ds.init_secrets(overlay_copy)
    assert result.returncode != 0
    assert "--jwt-public-key" in result.stderr


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("db-password", "Abcdefghijklmnopqrstuvwxyz123\n", "newline"),
        ("db-username", "postgres", "cadre"),
        ("nats-audit-password", "12345678901234567890123456", "starting with a letter"),
        ("cipher-key-audit", base64.b64encode(b"short").decode(), "16, 24 or 32"),
        (
            "jwt-public-key.pem",
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            "PRIVATE",
        ),
    ],
)
def test_init_secrets_check_rejects_bad_files(
    overlay_copy: Path, public_key: Path, name: str, content: str, message: str
) -> None:
    assert ds.init_secrets(overlay_copy, "--jwt-public-key", str(public_key)).returncode == 0
    path = overlay_copy / "secrets" / name
    path.write_text(content)
    result = ds.init_secrets(overlay_copy, "--check")
    assert result.returncode == 1
    assert name in result.stderr and message in result.stderr


def rsa_public_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def test_init_secrets_accepts_old_and_new_token_keys_while_rotating(
    overlay_copy: Path, tmp_path: Path
) -> None:
    both = tmp_path / "both.pem"
    both.write_text(ds.TEST_JWT_PUBLIC_KEY + ds.new_test_jwt_public_key())
    assert ds.init_secrets(overlay_copy, "--jwt-public-key", str(both)).returncode == 0
    assert ds.init_secrets(overlay_copy, "--check").returncode == 0


def test_init_secrets_check_refuses_a_token_key_the_services_cannot_use(
    overlay_copy: Path, public_key: Path
) -> None:
    assert ds.init_secrets(overlay_copy, "--jwt-public-key", str(public_key)).returncode == 0
    path = overlay_copy / "secrets" / "jwt-public-key.pem"
    path.write_text(ds.TEST_JWT_PUBLIC_KEY + rsa_public_key())
    result = ds.init_secrets(overlay_copy, "--check")
    assert result.returncode == 1
    assert "key 2 is not an Ed25519 public key" in result.stderr


def test_the_development_token_key_is_ed25519(overlay_copy: Path) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    result = ds.init_secrets(overlay_copy, "--generate-dev-jwt-key")
    assert result.returncode == 0, result.stderr
    from shared.access.tokens import parse_public_keys

    secrets = overlay_copy / "secrets"
    assert len(parse_public_keys((secrets / "jwt-public-key.pem").read_text())) == 1
    assert (secrets / "jwt-private-key.pem").stat().st_mode & 0o077 == 0
