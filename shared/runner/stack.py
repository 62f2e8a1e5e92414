"""The whole system on one machine: embedded NATS and PostgreSQL, then the four service processes.

Used by `cadre up` and by the end-to-end tests, so what a new user runs is what the tests run.
Every process is started here and stopped here, by its own PID.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from shared.access.dev_issuer import DevIssuer
from shared.embedded.nats_server import EmbeddedNats, jetstream_encryption_block
from shared.embedded.ports import free_port
from shared.embedded.postgres_server import EmbeddedPostgres
from shared.eventstore.compressor import TOPIC as COMPRESSOR

SERVICES = ("identification", "adjustment", "followup", "audit")
CONSOLE = "console"  # the web console: a client of the four services, started after them
DATABASE = "cadre"


@dataclass
class ServiceProcess:
    name: str
    port: int
    log_path: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Stack:
    data_dir: Path
    base_port: int = 0
    extra_env: dict[str, str] = field(default_factory=dict)
    nats_auth: bool = False
    nats_passwords: dict[str, str] = field(default_factory=dict)
    nats: EmbeddedNats | None = None
    postgres: EmbeddedPostgres | None = None
    services: dict[str, ServiceProcess] = field(default_factory=dict)
    with_console: bool = False
    console: ServiceProcess | None = None

    def start_infrastructure(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.postgres = EmbeddedPostgres(self.data_dir / "postgres").start()
        self.postgres.create_database(DATABASE)
        self.nats = EmbeddedNats(self.data_dir / "nats", config_file=self._nats_config()).start()
        # Where producers on this machine connect (`cadre produce` reads it).
        (self.data_dir / "nats.url").write_text(self.nats.url + "\n")
        if self.nats_auth:
            self._provision_streams()

    def _provision_streams(self) -> None:
        """The operator's setup step: service users may not create or change streams."""
        import asyncio

        import nats

        from shared.messaging.consumption import ensure_consumers
        from shared.messaging.streams import ensure_streams

        async def provision() -> None:
            nc = await nats.connect(self.nats_url_for("admin"))
            await ensure_streams(nc.jetstream())
            await ensure_consumers(nc.jetstream())
            await nc.close()

        asyncio.run(provision())

    def _nats_config(self) -> Path:
        """JetStream encrypted at rest, and (with auth) per-service and per-producer NATS users from
        the producer registry, made at first start and kept with the data."""
        secrets_dir = self.data_dir / "secrets"
        secrets_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        config = secrets_dir / "nats.conf"
        encryption = jetstream_encryption_block(self._jetstream_key())
        config.write_text(self._authorization() + encryption if self.nats_auth else encryption)
        config.chmod(0o600)
        return config

    def _authorization(self) -> str:
        from shared.messaging.permissions import all_users, authorization_block, with_new_users

        secrets_dir = self.data_dir / "secrets"
        stored = secrets_dir / "nats-passwords.json"
        kept = json.loads(stored.read_text()) if stored.exists() else {}
        # A producer added to the registry gets its user at the next start, without a release.
        self.nats_passwords = with_new_users(kept)
        stored.write_text(json.dumps(self.nats_passwords))
        stored.chmod(0o600)
        return authorization_block(all_users(self.nats_passwords))

    def nats_url_for(self, user: str) -> str:
        """The NATS URL with a user's credentials (a producer system, a service or admin)."""
        assert self.nats is not None
        if not self.nats_auth:
            return self.nats.url
        return f"nats://{user}:{self.nats_passwords[user]}@127.0.0.1:{self.nats.port}"

    def _jetstream_key(self) -> str:
        """JetStream's own encryption at rest (ChaCha20-Poly1305): its key is kept with the secrets;
        losing it loses the stream, which the audit store outlives."""
        path = self.data_dir / "secrets" / "jetstream.key"
        if not path.exists():
            path.write_text(secrets.token_hex(32))
            path.chmod(0o600)
        return path.read_text().strip()

    def cipher_key(self) -> str:
        """The embedded mode's encryption key, made at first start and kept beside the data."""
        path = self.data_dir / "secrets" / "cipher.key"
        if not path.exists():
            from eventsourcing.cryptography import AESCipher

            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            path.write_text(AESCipher.create_key(32))
            path.chmod(0o600)
        return path.read_text().strip()

    @property
    def issuer(self) -> DevIssuer:
        """The embedded mode's token issuer (`cadre token` uses the same key)."""
        return DevIssuer.in_directory(self.data_dir / "secrets")

    def service_env(self, name: str, port: int) -> dict[str, str]:
        assert self.nats is not None and self.postgres is not None
        env = {k: v for k, v in os.environ.items() if not k.startswith(("POSTGRES_", "NATS_"))}
        env.update(
            CADRE_ENV="development",
            CADRE_HTTP_HOST="127.0.0.1",
            CADRE_HTTP_PORT=str(port),
            CADRE_PROVISION_STREAMS="false" if self.nats_auth else "true",
            NATS_URL=self.nats.url,
            **({"NATS_USER": name, "NATS_PASSWORD": self.nats_passwords[name]}
               if self.nats_auth else {}),
            PERSISTENCE_MODULE="eventsourcing.postgres",
            POSTGRES_HOST="127.0.0.1",
            POSTGRES_PORT=str(self.postgres.port),
            POSTGRES_DBNAME=DATABASE,
            POSTGRES_USER=self.postgres.user,
            POSTGRES_PASSWORD="",
            POSTGRES_SCHEMA=name,
            CADRE_CLOCK="adjustable",
            CIPHER_TOPIC="eventsourcing.cryptography:AESCipher",
            CIPHER_KEY=self.cipher_key(),
            COMPRESSOR_TOPIC=COMPRESSOR,
            CADRE_JWT_PUBLIC_KEY=self.issuer.public_pem,
            PYTHONUNBUFFERED="1",
        )
        if name == "audit":
            # The checkpoint key (and the writer-proof key derived from it) beside the other
            # secrets, never in the database it vouches for.
            env["AUDIT_SIGNING_KEY_FILE"] = str(self.data_dir / "secrets" / "audit-ed25519.pem")
        env.update(self.extra_env)
        return env

    def start_service(self, name: str) -> ServiceProcess:
        existing = self.services.get(name)
        port = existing.port if existing else (self.base_port + 1 + SERVICES.index(name)
                                                if self.base_port else free_port())
        logs = self.data_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        service = ServiceProcess(name, port, logs / f"{name}.log")
        log = open(service.log_path, "ab")  # noqa: SIM115 - handed to the child process
        service.process = subprocess.Popen(
            [sys.executable, "-m", f"services.{name}"],
            env=self.service_env(name, port),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self.services[name] = service
        return service

    def start(self) -> None:
        self.start_infrastructure()
        for name in SERVICES:
            self.start_service(name)
        self.wait_ready()
        # Where each service listens, for the commands that read a running system's record.
        (self.data_dir / "services.json").write_text(json.dumps(self.urls), encoding="utf-8")
        if self.with_console:
            self.start_console()

    def console_env(self, port: int) -> dict[str, str]:
        """The console calls the services as the signed-in person; outside production it signs
        the demo principals' tokens with the embedded issuer's key (the file, never its content)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("POSTGRES_", "NATS_", "CONSOLE_"))}
        self.issuer  # noqa: B018 - makes the key at first start, before the console reads it
        env.update(
            CADRE_ENV="development", CADRE_HTTP_HOST="127.0.0.1", CADRE_HTTP_PORT=str(port),
            CONSOLE_DEV_SIGNING_KEY_FILE=str(self.data_dir / "secrets" / "jwt-signing-key.pem"),
            PYTHONUNBUFFERED="1",
            **{f"CONSOLE_{name.upper()}_URL": url for name, url in self.urls.items()},
        )
        return env

    def start_console(self, timeout: float = 30.0) -> ServiceProcess:
        port = self.base_port + 5 if self.base_port else free_port()
        logs = self.data_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        console = ServiceProcess(CONSOLE, port, logs / "console.log")
        log = open(console.log_path, "ab")  # noqa: SIM115 - handed to the child process
        console.process = subprocess.Popen([sys.executable, "-m", "services.console"],
                                           env=self.console_env(port), stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.console = console
        deadline = time.monotonic() + timeout
        while True:
            if console.process.poll() is not None:
                raise RuntimeError(f"console exited during start-up:\n{console.log_path.read_text()[-3000:]}")
            try:
                if httpx.get(f"{console.url}/readyz", timeout=1).status_code == 200:
                    return console
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"console not ready after {timeout}s")
            time.sleep(0.1)

    def wait_ready(self, timeout: float = 60.0, names: tuple[str, ...] = SERVICES) -> None:
        deadline = time.monotonic() + timeout
        for name in names:
            service = self.services[name]
            while True:
                if service.process is not None and service.process.poll() is not None:
                    tail = service.log_path.read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"{name} exited during start-up:\n{tail}")
                try:
                    if httpx.get(f"{service.url}/readyz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{name} not ready after {timeout}s")
                time.sleep(0.1)

    def kill_service(self, name: str) -> None:
        """SIGKILL, as a crash would: no shutdown code runs."""
        process = self.services[name].process
        assert process is not None
        os.kill(process.pid, signal.SIGKILL)
        process.wait()

    def stop_service(self, name: str) -> None:
        process = self.services[name].process
        if process is None or process.poll() is not None:
            return
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()

    @property
    def urls(self) -> dict[str, str]:
        """Each service's base URL, by name."""
        return {name: self.services[name].url for name in SERVICES}

    def stop(self) -> None:
        if self.console is not None and self.console.process is not None \
                and self.console.process.poll() is None:
            os.kill(self.console.process.pid, signal.SIGTERM)
            try:
                self.console.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(self.console.process.pid, signal.SIGKILL)
                self.console.process.wait()
        for name in list(self.services):
            self.stop_service(name)
        if self.nats is not None:
            self.nats.stop()
        if self.postgres is not None:
            self.postgres.stop()


@contextmanager
def temporary_stack(prefix: str, extra_env: dict[str, str] | None = None,
                    nats_auth: bool = False, with_console: bool = False) -> Iterator[Stack]:
    """A whole system in a fresh temporary directory, stopped and removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix=prefix))
    stack = Stack(root, extra_env=dict(extra_env or {}), nats_auth=nats_auth, with_console=with_console)
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
        shutil.rmtree(root, ignore_errors=True)
