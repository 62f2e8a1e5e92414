"""`cadre register import FILE`: send a register file (CSV or XLSX, Chinese column headers) to the
identification service, which checks every row and applies all of them or none.

The service is the one place rows are judged, so the command line and HTTP never disagree; the
command prints each faulty row and column and exits 1 when anything was refused.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import httpx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _token(args: argparse.Namespace) -> str:
    if args.token or os.environ.get("CADRE_TOKEN"):
        return str(args.token or os.environ["CADRE_TOKEN"])
    from shared.access.dev_issuer import DevIssuer
    from shared.access.principal import Principal

    issuer = DevIssuer.in_directory(Path(args.data_dir).resolve() / "secrets")
    return issuer.token(Principal(subject=args.subject, role="case_officer", unit=args.unit), 600)


def run_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"{path}: no such file / 文件不存在", file=sys.stderr)
        return 2
    if not (args.token or os.environ.get("CADRE_TOKEN") or args.unit):
        print("give --token (or CADRE_TOKEN), or --unit to sign as its case officer", file=sys.stderr)
        return 2
    response = httpx.post(
        f"{args.url.rstrip('/')}/register/imports", params={"filename": path.name},
        content=path.read_bytes(), timeout=300,
        headers={"Authorization": f"Bearer {_token(args)}",
                 "content-type": XLSX if path.suffix.lower() == ".xlsx" else "text/csv"})
    body = response.json()
    if response.status_code != 200:
        detail = str(body.get("detail", body))
        head, _, faults = detail.partition(": row ")
        print(f"refused ({response.status_code}): {head}", file=sys.stderr)
        for fault in (f"row {faults}".split("; row ") if faults else []):
            print(f"  {fault if fault.startswith('row ') else 'row ' + fault}", file=sys.stderr)
        if body.get("rule"):
            print(f"  rule: {body['rule']}", file=sys.stderr)
        return 1
    print(f"{body['rows']} rows: {body['registered']} registered, {len(body['changed'])} changed, "
          f"{body['unchanged']} unchanged")
    for cadre_id, changed in sorted(body["changed"].items()):
        print(f"  {cadre_id}: {', '.join(changed)}")
    return 0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    register = commands.add_parser("register", help="the cadre register kept by identification")
    actions = register.add_subparsers(dest="register_command", required=True)
    load = actions.add_parser("import", help="import a register file (CSV or XLSX): all rows or none",
                              description=__doc__)
    load.add_argument("file")
    load.add_argument("--url", default="http://127.0.0.1:8101", help="the identification service")
    load.add_argument("--token", default=None, help="bearer token (default: $CADRE_TOKEN)")
    load.add_argument("--unit", default=None, help="without a token: sign as this unit's case officer")
    load.add_argument("--subject", default="register-import", help="with --unit: the officer's id")
    load.add_argument("--data-dir", default=".cadre", help="with --unit: the data directory of `cadre up`")
    load.set_defaults(run=run_import)
