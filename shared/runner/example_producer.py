"""A small producer system, as an integrator would write one: publish a signal, re-send it, read
the receipts (`cadre produce --example petitions --nats URL`, or `python -m shared.runner.example_producer`).

It uses only what any producer has: its NATS user (name and password; `cadre up` keeps them in
.cadre/secrets/nats-passwords.json), the contract (docs/asyncapi.json) and its own receipts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from shared.contract import events as contract
from shared.contract.codec import IntegrationEvent, encode, envelope_for
from shared.messaging.connection import connect_as_producer
from shared.messaging.receipt_reader import read_receipts

# One of the demo register's cadres (`cadre up --demo` imports them): 包头市财政局局长.
EXAMPLE_CADRE = contract.CadreRef(cadre_id="cadre-bt-0106", name="陈立新", unit_id="unit:bt-finance-bureau",
                                  post="局长", rank="正处级", role="party_committee_head")


def example_report(producer: str, signal_id: str) -> contract.CircumstanceReported:
    return contract.CircumstanceReported(
        signal_id=signal_id, source_system=producer, channel="supervision_results",
        reporter="信访局来信登记处", cadre=EXAMPLE_CADRE, managing_unit="org:baotou-municipal",
        citation=contract.Citation(pack_id="IM-2022", article="art. 6(8)"),
        summary="群众来信反映其在预算安排中推诿扯皮、不作为", evidence_refs=[f"{producer}:{signal_id}"],
        reported_at=datetime.now(UTC))


def with_credentials(url: str, producer: str, data_dir: Path | None) -> str:
    """The URL as given when it names a user; else the producer's password from `cadre up`'s data."""
    parsed = urlparse(url)
    if parsed.username or data_dir is None:
        return url
    passwords = json.loads((data_dir / "secrets" / "nats-passwords.json").read_text())
    netloc = f"{producer}:{passwords[producer]}@{parsed.hostname}:{parsed.port or 4222}"
    return urlunparse(parsed._replace(netloc=netloc))


def describe(receipt: IntegrationEvent) -> str:
    data = receipt.payload.model_dump(mode="json")
    return f"{receipt.type}: " + json.dumps(data, ensure_ascii=False)


async def run(url: str, producer: str, signal_id: str, ca_file: Path | None = None,
              wait: float = 10.0) -> list[IntegrationEvent]:
    report = example_report(producer, signal_id)
    nc = await connect_as_producer(url, ca_file)
    try:
        js = nc.jetstream()
        # The message id is the producer's own signal id: a re-send inside JetStream's window is
        # dropped by the server, a later one recognised by identification; either way one signal.
        for attempt in ("sent", "re-sent"):
            envelope = envelope_for(report, event_id=f"{producer}:{signal_id}", source=producer,
                                    cadre_id=report.cadre.cadre_id, occurred_at=report.reported_at)
            ack = await js.publish(envelope.subject(), encode(envelope),
                                   headers={"Nats-Msg-Id": envelope.id})
            print(f"{attempt} {signal_id} on {envelope.subject()} (stream sequence {ack.seq}"
                  f"{', a duplicate' if ack.duplicate else ''})")
        receipts = await read_receipts(nc, producer, wait=wait)
    finally:
        await nc.close()
    for receipt in receipts:
        print(describe(receipt))
    if not receipts:
        print("no receipts yet (they stay on CADRE_RECEIPTS; run again to read them)")
    return receipts


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--nats", default=None,
                        help="the NATS URL (default: the one `cadre up` runs, from --data-dir)")
    parser.add_argument("--data-dir", default=".cadre", help="where `cadre up` keeps its data")
    parser.add_argument("--signal-id", default=None, help="the signal's id (default: a new one)")
    parser.add_argument("--tls-ca", default=None, help="the CA certificate to trust (TLS)")
    parser.add_argument("--wait", type=float, default=10.0, help="seconds to wait for receipts")


def run_from(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    nats_url = args.nats or (data_dir / "nats.url").read_text().strip()
    url = with_credentials(nats_url, args.producer, data_dir if data_dir.exists() else None)
    signal_id = args.signal_id or f"example-{datetime.now(UTC):%Y%m%d%H%M%S}"
    receipts = asyncio.run(run(url, args.producer, signal_id,
                               Path(args.tls_ca) if args.tls_ca else None, args.wait))
    return 0 if receipts else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shared.runner.example_producer", description=__doc__)
    parser.add_argument("producer", nargs="?", default="petitions", help="a registered producer")
    add_arguments(parser)
    return run_from(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
