"""`python -m services.audit.cli`: replay, verify and file from the audit service's own database.

It reads the same settings as the service (POSTGRES_*, AUDIT_*, CADRE_ORG_TREE_FILE) and works on
the store directly, without NATS, so a supervisor can replay or verify even when the service is
down. A supervisor's read made with --reader is decided by the same access policy and recorded in
the same access log as one made over HTTP.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

import psycopg

from services.audit import targets
from services.audit.adapters.db_roles import create_insert_only_role
from services.audit.adapters.filing_html import render_filing
from services.audit.adapters.published import published_heads
from services.audit.adapters.reencrypt import aes_cipher, reencrypt_table
from services.audit.bootstrap import AuditParts, build_audit
from services.audit.domain.filing_report import filing_report
from services.audit.domain.timing import with_timing
from shared.access.policy import RECORDED_READERS, Action, decide
from shared.access.principal import Principal
from shared.messaging.connection import connect
from shared.service_host import ServiceRuntime
from shared.settings import ServiceSettings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m services.audit.cli", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    timeline = commands.add_parser("timeline", help="a cadre's or case's record, as of a moment")
    target = timeline.add_mutually_exclusive_group(required=True)
    target.add_argument("--cadre")
    target.add_argument("--case")
    timeline.add_argument("--state", action="store_true", help="with --case: the folded IM 32 state")
    timeline.add_argument("--as-of", type=datetime.fromisoformat,
                          help="effective time: what had taken effect by then (ISO date or date-time)")
    timeline.add_argument("--as-known-at", type=datetime.fromisoformat,
                          help="recording time: what the record had learnt by then")
    for name in ("reader", "unit", "reason"):
        timeline.add_argument(f"--{name}", help="a supervisor's read: who, from which unit, why")
    timeline.add_argument("--role", choices=sorted(RECORDED_READERS), default="supervisor")
    verify = commands.add_parser("verify", help="recompute the log's tree and check signed checkpoints")
    verify.add_argument("--entry", type=int, help="also print the inclusion proof of this log position")
    verify.add_argument("--published", action="store_true",
                        help="also compare with the checkpoints published on NATS (NATS_URL, NATS_USER)")
    proof = commands.add_parser("proof", help="write an entry's inclusion proof for `cadre verify-proof`")
    proof.add_argument("--entry", type=int, required=True, help="the entry's log position")
    proof.add_argument("--with-content", action="store_true",
                       help="include the entry's content (personnel data), not only its digest")
    reencrypt = commands.add_parser(
        "reencrypt", help="re-encrypt the store under a new cipher key (service stopped; as the owner)")
    reencrypt.add_argument("--new-key-env", default="AUDIT_NEW_CIPHER_KEY",
                           help="environment variable holding the new key (base64 of 16, 24 or 32 bytes)")
    commands.add_parser("seal", help="seal everything recorded so far into signed checkpoints")
    filing = commands.add_parser("filing", help="the annual filing report of a department")
    filing.add_argument("--dept", required=True)
    filing.add_argument("--year", type=int, required=True)
    filing.add_argument("--html", action="store_true")
    writer = commands.add_parser("grant-writer", help="create the insert-only role the service writes with")
    writer.add_argument("--role", default="cadre_audit_writer")
    writer.add_argument("--password-env", default="AUDIT_WRITER_PASSWORD",
                        help="environment variable holding the new role's password")
    return parser


def _admit(args: argparse.Namespace, runtime: ServiceRuntime, parts: AuditParts) -> None:
    """Decide a supervisor's read as the HTTP gate would, and record it (refused ones too)."""
    control = runtime.access
    assert control is not None
    if not args.unit:
        raise SystemExit("refused: --reader needs --unit")
    cadre_id = args.cadre or parts.read_model.app.case_file(args.case).cadre_id
    target = targets.of_cadre(cadre_id, parts.read_model.authority_of(cadre_id))
    principal = Principal(subject=args.reader, role=args.role, unit=args.unit)
    decision = decide(principal, Action.READ_RECORD, target, control.tree)
    if decision.allowed and not args.reason:
        raise SystemExit("refused: a supervisor's read must state its purpose (--reason)")
    subject = f"cadre {args.cadre}" if args.cadre else f"case {args.case}"
    moments = f"as of {args.as_of or 'now'}, as known at {args.as_known_at or 'now'}"
    control.record(principal, Action.READ_RECORD, f"cli timeline {subject} {moments}",
                   target, decision, args.reason)
    if not decision.allowed:
        raise SystemExit(f"refused ({decision.rule}): {decision.reason}")


def _timeline(args: argparse.Namespace, runtime: ServiceRuntime, parts: AuditParts) -> Any:
    app = parts.read_model.app
    if args.reader:
        _admit(args, runtime, parts)
    if args.cadre:
        entries = app.timeline(args.cadre, args.as_of, args.as_known_at)
    else:
        case = app.case_file(args.case)
        if args.state:
            return case.state(args.as_of, args.as_known_at)
        entries = case.timeline(args.as_of, args.as_known_at)
    return with_timing(entries)


async def _published(settings: ServiceSettings) -> list[dict[str, Any]]:
    nc = await connect(settings, "cadre-audit-cli")
    try:
        return await published_heads(nc.jetstream())
    finally:
        await nc.close()


def _reencrypt(settings: ServiceSettings, new_key: str) -> dict[str, Any]:
    if not settings.cipher_key:
        raise SystemExit("refused: the store is not encrypted (CIPHER_KEY is not set)")
    old, new = aes_cipher(settings.cipher_key), aes_cipher(new_key)
    schema = settings.postgres_schema or "audit"
    with psycopg.connect(host=settings.postgres_host, port=settings.postgres_port,
                         dbname=settings.postgres_dbname, user=settings.postgres_user,
                         password=settings.postgres_password or None) as conn:
        done = reencrypt_table(conn, schema, "audit_events", old.decrypt, new.encrypt)
    return {"rows": done.rows, "first_id": done.first_id, "last_id": done.last_id,
            "next": "start the service with the new CIPHER_KEY; every checkpoint stays valid"}


def run(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "reencrypt":  # on the table itself: the service's store is not opened
        print(json.dumps(_reencrypt(ServiceSettings(), os.environ[args.new_key_env]), indent=2))
        return 0
    runtime, parts = build_audit()
    try:
        result: Any
        if args.command == "timeline":
            result = _timeline(args, runtime, parts)
        elif args.command == "verify":
            published = asyncio.run(_published(runtime.settings)) if args.published else None
            verification = parts.sealer.verify(published)
            result = {"verification": asdict(verification), "published_read": published is not None}
            if args.entry is not None:
                result["proof"] = parts.sealer.inclusion_proof(args.entry)
            print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
            return 0 if verification.ok else 1
        elif args.command == "proof":
            result = parts.sealer.inclusion_proof(args.entry, full=args.with_content)
        elif args.command == "seal":
            result = {"sealed": parts.sealer.seal_all(), "last_seq": parts.sealer.last_seq()}
        elif args.command == "filing":
            report = filing_report(args.dept, args.year, parts.read_model.case_states())
            if args.html:
                status = parts.read_model.app.filing(args.dept, args.year).status(runtime.clock.today())
                print(render_filing(report, status))
                return 0
            result = report
        else:
            settings = runtime.settings
            with psycopg.connect(host=settings.postgres_host, port=settings.postgres_port,
                                 dbname=settings.postgres_dbname, user=settings.postgres_user,
                                 password=settings.postgres_password or None, autocommit=True) as conn:
                create_insert_only_role(conn, settings.postgres_schema or "audit", args.role,
                                        os.environ[args.password_env])
            result = {"role": args.role, "privileges": ["SELECT", "INSERT"]}
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return 0
    finally:
        runtime.app.close()


if __name__ == "__main__":
    sys.exit(run())
