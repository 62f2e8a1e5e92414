"""`cadre pack …` and `cadre calendar …`: validate, upload and activate a policy pack version or a
year's official working-day schedule, through identification's admin API (`/reference`).

The service judges the file (the same checks as its directories' loader), records who loaded it
and publishes the activation, so every service takes it up without a restart. Each command
prints the service's answer; a refusal prints the field and rule at fault and exits 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import httpx


def _token(args: argparse.Namespace) -> str:
    if args.token or os.environ.get("CADRE_TOKEN"):
        return str(args.token or os.environ["CADRE_TOKEN"])
    from shared.access.dev_issuer import DevIssuer
    from shared.access.principal import Principal

    issuer = DevIssuer.in_directory(Path(args.data_dir).resolve() / "secrets")
    return issuer.token(Principal(subject=args.subject, role="administrator", unit=args.unit), 600)


def _send(args: argparse.Namespace, path: str, body: Any) -> tuple[int, dict[str, Any]]:
    response = httpx.post(f"{args.url.rstrip('/')}/reference/{path}", json=body, timeout=60,
                          headers={"Authorization": f"Bearer {_token(args)}"})
    try:
        answer = response.json()
    except ValueError:
        answer = {"detail": response.text}
    if response.status_code >= 400:
        print(f"refused ({response.status_code}): {answer.get('detail', answer)}", file=sys.stderr)
        for key in ("field", "rule", "message_zh"):
            if answer.get(key):
                print(f"  {key}: {answer[key]}", file=sys.stderr)
        return 1, answer
    print(json.dumps(answer, ensure_ascii=False))
    return 0, answer


def _document(args: argparse.Namespace) -> Any:
    path = Path(args.file)
    if not path.is_file():
        raise SystemExit(f"{path}: no such file / 文件不存在")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise SystemExit(f"{path}: not JSON / 不是 JSON 文件: {error}") from None


def run(args: argparse.Namespace) -> int:
    plural = "packs" if args.kind == "pack" else "calendars"
    if args.action == "activate":
        return _send(args, f"{plural}/{args.key}/versions/{args.version}/activation",
                     {"effective_from": args.effective_from})[0]
    document = _document(args)
    if args.action == "validate":
        return _send(args, f"{plural}/validation", document)[0]
    status, answer = _send(args, plural, document)
    if status or args.effective_from is None:
        return status
    # Uploaded and activated in one go: the version the service recorded ("2027 v2").
    key, _, version = str(answer["key"]).rpartition(" v")
    return _send(args, f"{plural}/{key}/versions/{version}/activation",
                 {"effective_from": args.effective_from})[0]


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for kind, key_help in (("pack", "the pack id, e.g. IM-2022"), ("calendar", "the year, e.g. 2027")):
        what = "policy pack version" if kind == "pack" else "year's working-day schedule"
        parser = commands.add_parser(kind, help=f"validate, upload and activate a {what}",
                                     description=__doc__)
        actions = parser.add_subparsers(dest="action", required=True)
        for action in ("validate", "upload", "activate"):
            sub = actions.add_parser(action)
            if action == "activate":
                sub.add_argument("key", help=key_help)
                sub.add_argument("version", type=int)
                sub.add_argument("--effective-from", required=True, help="YYYY-MM-DD")
            else:
                sub.add_argument("file", help="the JSON file, as it would be saved in its directory")
            if action == "upload":
                sub.add_argument("--effective-from", default=None,
                                 help="also activate it from YYYY-MM-DD")
            sub.add_argument("--url", default="http://127.0.0.1:8101",
                             help="the identification service")
            sub.add_argument("--token", default=None, help="bearer token (default: $CADRE_TOKEN)")
            sub.add_argument("--unit", default="org:inner-mongolia-region",
                             help="without a token: sign as this unit's administrator")
            sub.add_argument("--subject", default="reference-admin",
                             help="without a token: the administrator's id")
            sub.add_argument("--data-dir", default=".cadre",
                             help="without a token: the data directory of `cadre up`")
            sub.set_defaults(run=run, kind=kind)
