"""`cadre replay`, `cadre verify` and `cadre report`: the record of a running `cadre up`, read
through the audit service's API with a token signed by the data directory's own key.

Nothing has to be exported: the data directory (default `.cadre`, as for `cadre up`) holds the
signing key and the base port says where the services listen. Each read is made as a named
principal (a supervisor with a stated purpose by default), so it is decided by the same access
policy and left in the same access log as a read in the console. A refusal or an unreachable
service is a one-line message and exit status 1 or 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from shared.access.dev_issuer import DevIssuer
from shared.access.principal import Principal

AUDIT_OFFSET = 4  # cadre up: identification base+1, adjustment +2, followup +3, audit +4
DEFAULT_READER_UNIT = "org:inner-mongolia-region"  # the demo's upper-level department
DEFAULT_PURPOSE = "年度干部监督检查"


class CommandFailed(Exception):
    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def _client(args: argparse.Namespace, role: str, purpose: str | None) -> httpx.Client:
    secrets = Path(args.data_dir).resolve() / "secrets"
    if not secrets.is_dir():
        raise CommandFailed(f"{secrets} does not exist: start `cadre up --data-dir {args.data_dir}` "
                            f"first / 数据目录不存在，请先运行 cadre up", 2)
    issuer = DevIssuer.in_directory(secrets)
    principal = Principal(subject=args.subject, role=role, unit=args.unit, name=args.subject)  # type: ignore[arg-type]
    return httpx.Client(base_url=audit_url(args), headers=issuer.headers(principal, purpose),
                        timeout=30)


def audit_url(args: argparse.Namespace) -> str:
    """The running system's own note of its ports (written by `cadre up`), or --base-port."""
    listed = Path(args.data_dir).resolve() / "services.json"
    if args.base_port is None and listed.exists():
        return str(json.loads(listed.read_text(encoding="utf-8"))["audit"])
    return f"http://127.0.0.1:{(args.base_port or 8100) + AUDIT_OFFSET}"


def _get(args: argparse.Namespace, path: str, *, role: str = "supervisor",
         params: dict[str, Any] | None = None) -> Any:
    purpose = getattr(args, "purpose", None) if role == "supervisor" else None
    try:
        with _client(args, role, purpose) as client:
            response = client.get(path, params={k: v for k, v in (params or {}).items() if v})
    except httpx.ConnectError:
        raise CommandFailed(f"the audit service does not answer at {audit_url(args)}: is `cadre up` "
                            f"running? / 审计服务未启动", 2) from None
    if response.status_code >= 400:
        try:
            body = response.json()
            detail = body.get("detail") if isinstance(body, dict) else body
        except ValueError:
            detail = response.text
        rule = body.get("rule") if isinstance(body, dict) else None
        raise CommandFailed(f"{response.status_code}: {detail}" + (f" (rule {rule})" if rule else ""))
    return response.json()


def _replay(args: argparse.Namespace) -> int:
    path = f"/cadres/{args.cadre}/timeline" if args.cadre else f"/cases/{args.case}/timeline"
    timeline = _get(args, path, params={"as_of": args.as_of, "as_known_at": args.as_known_at})
    if args.json:
        print(json.dumps(timeline, ensure_ascii=False, indent=2))
        return 0
    print(f"{len(timeline['entries'])} entries (as of {args.as_of or 'now'}, "
          f"as known at {args.as_known_at or 'now'})")
    for entry in timeline["entries"]:
        timing = entry.get("timing", {})
        marks = [m for m, on in (("back-dated", timing.get("back_dated")),
                                 ("late", timing.get("late"))) if on]
        print(f"  {str(timing.get('effective_at', entry.get('occurred_at', '')))[:19]:19}  "
              f"{str(timing.get('known_at', ''))[:19]:19}  {entry.get('source', ''):14} "
              f"{entry.get('type', '')}{'  [' + ', '.join(marks) + ']' if marks else ''}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    report = _get(args, "/integrity/verify", role="administrator")
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0 if report.get("ok") else 1


def _report(args: argparse.Namespace) -> int:
    paths: dict[str, Callable[[], Any]] = {
        "filing": lambda: _get(args, f"/filings/{args.org_dept}/{args.year}"),
        "statistics": lambda: _get(args, "/statistics", params={"year": args.year}),
        "compliance": lambda: _get(args, "/compliance"),
    }
    print(json.dumps(paths[args.kind](), ensure_ascii=False, indent=2))
    return 0


def _guarded(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def guarded(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except CommandFailed as failure:
            print(f"cadre {args.command}: {failure}")
            return failure.status

    return guarded


def _common(parser: argparse.ArgumentParser, role: str) -> None:
    parser.add_argument("--data-dir", default=".cadre", help="the data directory of `cadre up`")
    parser.add_argument("--base-port", type=int, default=None,
                        help="as given to `cadre up` (default: where the running system says it is)")
    parser.add_argument("--unit", default=DEFAULT_READER_UNIT, help=f"the {role}'s unit")
    parser.add_argument("--subject", default=f"cli.{role}", help=f"the {role} reading (access log)")


def add_parsers(commands: Any) -> None:
    replay = commands.add_parser(
        "replay", help="a cadre's or case's record as of / as known at a moment (audit)",
        description="Effective time (--as-of) and recording time (--as-known-at), either, both or "
                    "neither; entries recorded later than they took effect are marked.")
    target = replay.add_mutually_exclusive_group(required=True)
    target.add_argument("--cadre")
    target.add_argument("--case")
    replay.add_argument("--as-of", help="ISO date or date-time (effective time)")
    replay.add_argument("--as-known-at", help="ISO date or date-time (recording time)")
    replay.add_argument("--purpose", default=DEFAULT_PURPOSE, help="stated in the access log")
    replay.add_argument("--json", action="store_true", help="the timeline as served")
    _common(replay, "supervisor")
    replay.set_defaults(run=_guarded(_replay))
    verify = commands.add_parser(
        "verify", help="verify the whole audit log: leaves, signed checkpoints, consistency, "
                       "and the checkpoints published to JetStream (exit 1 when broken)")
    _common(verify, "administrator")
    verify.set_defaults(run=_guarded(_verify))
    report = commands.add_parser("report", help="the annual filing, statistics or compliance findings")
    report.add_argument("kind", choices=("filing", "statistics", "compliance"))
    report.add_argument("--year", type=int, default=None)
    report.add_argument("--org-dept", default="org:baotou-municipal",
                        help="filing: the organisation department filing")
    report.add_argument("--purpose", default=DEFAULT_PURPOSE, help="stated in the access log")
    _common(report, "supervisor")
    report.set_defaults(run=_guarded(_report))
