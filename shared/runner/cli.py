"""`cadre`: run the whole system on this machine, provision streams, regenerate the contract."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path


def _up(args: argparse.Namespace) -> int:
    from shared.runner.stack import SERVICES, Stack

    stack = Stack(Path(args.data_dir).resolve(), base_port=args.base_port, nats_auth=True,
                  with_console=True)
    stopping = threading.Event()

    def request_stop(signum: int, _frame: object) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        print(f"data directory: {stack.data_dir}")
        stack.start()
        assert stack.nats is not None and stack.postgres is not None
        print(f"NATS JetStream  {stack.nats.url}  (users and passwords: "
              f"{stack.data_dir / 'secrets' / 'nats-passwords.json'})")
        print(f"PostgreSQL      {stack.postgres.dsn('cadre')}")
        for name in SERVICES:
            service = stack.services[name]
            print(f"{name:<15} {service.url}   (API docs {service.url}/docs)")
        assert stack.console is not None
        print(f"{'console':<15} {stack.console.url}   (网页控制台; development sign-in: choose a demo "
              f"person at {stack.console.url}/signin)")
        print(f"access tokens   cadre token --role R --unit U --subject S --data-dir {stack.data_dir}")
        if args.demo:
            from shared.runner.demo import run_demo

            run_demo(stack.urls,
                     stack.nats_url_for("discipline"), stack.issuer, stack.data_dir)
            print_console_hint(stack.console.url)
        if args.exit_after_demo:
            return 0
        print("running; Ctrl-C stops everything (data is kept for the next start)")
        while not stopping.wait(0.5):
            for name, service in stack.services.items():
                if service.process is not None and service.process.poll() is not None:
                    print(f"{name} exited; see {service.log_path}", file=sys.stderr)
                    return 1
        return 0
    finally:
        print("stopping…")
        stack.stop()


def print_console_hint(url: str) -> None:
    print(f"  console: open {url} in a browser and sign in (development sign-in, no password):")
    print("    李敏 (case officer, 包头市委组织部) for the desk, 张华 (committee secretary) for decisions,")
    print("    王建国 (the cadre, own case and appeals), 赵强 (supervisor, 自治区党委组织部) for the")
    print(f"    timeline replay and statistics, e.g. {url}/cadres/cadre-bt-0001")


def _streams(args: argparse.Namespace) -> int:
    from shared.messaging.connection import connect
    from shared.messaging.consumption import CONSUMES, ensure_consumers
    from shared.messaging.streams import ensure_streams
    from shared.settings import ServiceSettings

    async def provision() -> None:
        settings = ServiceSettings()
        nc = await connect(settings, "cadre-streams")
        await ensure_streams(
            nc.jetstream(), settings.cadre_stream_replicas, settings.cadre_dedup_window_seconds,
            settings.cadre_stream_retention_days
        )
        await ensure_consumers(nc.jetstream())
        await nc.close()

    asyncio.run(provision())
    print("streams CADRE_EVENTS, CADRE_CHECKPOINTS, CADRE_DEAD_LETTERS and CADRE_RECEIPTS, the services' "
          f"consumers ({', '.join(CONSUMES)}) are in place")
    return 0


def _token(args: argparse.Namespace) -> int:
    from shared.access.dev_issuer import DevIssuer
    from shared.access.principal import Principal

    issuer = DevIssuer.in_directory(Path(args.data_dir).resolve() / "secrets")
    principal = Principal(subject=args.subject, role=args.role, unit=args.unit, name=args.name)
    print(issuer.token(principal, ttl_seconds=int(args.hours * 3600)))
    return 0


def _verify_proof(args: argparse.Namespace) -> int:
    from shared.integrity.verifier import main as verify

    served = ["--entry", str(args.entry)] if args.entry else []
    return verify([str(args.proof), "--key", str(args.key), *served])


def _asyncapi(args: argparse.Namespace) -> int:
    from shared.contract.asyncapi import main as write_document

    write_document()
    return 0


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="cadre", description="cadre-lifecycle command line")
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser(
        "up", help="start embedded NATS and PostgreSQL, the four services and the console on this machine"
    )
    up.add_argument("--data-dir", default=".cadre", help="where data is kept between runs")
    up.add_argument("--base-port", type=int, default=8100,
                    help="services listen on base+1 … base+4, the console on base+5 (0: any free ports)")
    up.add_argument("--demo", action="store_true", help="load a small realistic scenario")
    up.add_argument("--exit-after-demo", action="store_true", help="stop once the demo is loaded")
    up.set_defaults(run=_up)
    streams = commands.add_parser(
        "streams", help="create or update the JetStream streams (NATS_URL, CADRE_STREAM_REPLICAS)"
    )
    streams.set_defaults(run=_streams)
    from shared.access.principal import ROLES

    token = commands.add_parser(
        "token", help="issue a development access token signed by the embedded mode's key",
        description="Prints a JWT for `Authorization: Bearer <token>`; services started by "
                    "`cadre up` with the same --data-dir accept it.",
    )
    token.add_argument("--role", required=True, choices=ROLES)
    token.add_argument("--unit", required=True,
                       help="the principal's organisation unit, e.g. org:baotou-municipal")
    token.add_argument("--subject", required=True,
                       help="the principal: a person's id, the cadre id (role cadre), the system (producer)")
    token.add_argument("--name", default=None, help="display name kept in the access record")
    token.add_argument("--hours", type=float, default=8.0, help="validity")
    token.add_argument("--data-dir", default=".cadre", help="the data directory of `cadre up`")
    token.set_defaults(run=_token)
    from shared.runner.record_commands import add_parsers as add_record_commands
    from shared.runner.register_import import add_parser as add_register

    add_register(commands)
    add_record_commands(commands)
    verify = commands.add_parser(
        "verify-proof", help="check an audit proof with only the proof file and the public key",
        description="Recomputes the entry's leaf (RFC 8785, SHA-256), walks the RFC 6962 path to the "
                    "signed checkpoint and checks its Ed25519 signature; a consistency proof shows an "
                    "older checkpoint is the start of a newer one. Exit status 1 when it fails.")
    verify.add_argument("proof", type=Path, help="the proof (JSON) as the audit service served it")
    verify.add_argument("--key", type=Path, required=True,
                        help="the audit service's public key (GET /integrity/public-key.pem)")
    verify.add_argument("--entry", type=Path, help="the timeline entry as served, to match the proof")
    verify.set_defaults(run=_verify_proof)
    from shared.runner.reference_load import add_parsers as add_reference

    add_reference(commands)
    from shared.runner.example_producer import add_arguments as add_example
    from shared.runner.example_producer import run_from as run_example

    produce = commands.add_parser(
        "produce", help="run the example producer system against `cadre up` (publish, re-send, "
        "read the receipts)", description="See docs/integrators/.")
    produce.add_argument("--example", dest="producer", default="petitions", metavar="PRODUCER",
                         help="the registered producer the example publishes as")
    add_example(produce)
    produce.set_defaults(run=run_example)
    asyncapi = commands.add_parser("asyncapi", help="regenerate docs/asyncapi.json from the code")
    asyncapi.set_defaults(run=_asyncapi)
    args = parser.parse_args(argv)
    sys.exit(args.run(args))


if __name__ == "__main__":
    main()
