"""The standalone verifier: checks an audit proof with nothing but the proof file and the key.

`cadre verify-proof proof.json --key audit-public.pem` (or `python -m shared.integrity.verifier`)
recomputes the leaf from the entry as served (RFC 8785, SHA-256), walks the inclusion path to the
root of the signed tree head (RFC 6962), and checks the head's Ed25519 signature with the
published key. With `--entry served.json` it also checks that the timeline entry a reader was
served is the one the proof covers. A consistency file (two heads and a proof) shows the older
head is the start of the newer one. Exit status 0 when everything holds, 1 when anything fails.
It reads no database and imports no service.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from shared.integrity.merkle import consistent, root_from_inclusion
from shared.integrity.statements import (
    SCHEME,
    EntryMismatchError,
    leaf_of,
    public_key_from,
    signed_by,
)

INCLUSION_FORMAT = "cadre-audit-inclusion/1"
CONSISTENCY_FORMAT = "cadre-audit-consistency/1"
DERIVED_KEYS = ("timing",)  # served beside a timeline entry, never part of it


def _hashes(values: Sequence[str]) -> list[bytes]:
    return [bytes.fromhex(v) for v in values]


def check_head(head: dict[str, Any], key: Ed25519PublicKey) -> list[str]:
    if head.get("scheme") != SCHEME:
        return [f"checkpoint: scheme {head.get('scheme')!r} is not {SCHEME}"]
    return [] if signed_by(key, head) else [
        f"checkpoint {head.get('seq')}: the signature does not verify with this key"]


def check_inclusion(proof: dict[str, Any], key: Ed25519PublicKey,
                    served: dict[str, Any] | None = None) -> list[str]:
    """Every reason the proof does not hold (none: it holds)."""
    if proof.get("format") != INCLUSION_FORMAT:
        return [f"format: not an inclusion proof ({INCLUSION_FORMAT})"]
    head = proof["checkpoint"]
    problems = check_head(head, key)
    try:
        leaf = leaf_of(proof["entry"])
    except (EntryMismatchError, KeyError, TypeError, ValueError) as error:
        return [*problems, f"entry: {error}"]
    root = root_from_inclusion(leaf, int(proof["leaf_index"]), int(head["tree_size"]),
                               _hashes(proof["inclusion_path"]))
    if root is None or root.hex() != head["root"]:
        problems.append("entry: its leaf and path do not lead to the checkpoint's root")
    if served is not None:
        recorded = (proof["entry"].get("state") or {}).get("entry")
        shown = {k: v for k, v in served.items() if k not in DERIVED_KEYS}
        if recorded is None:
            problems.append("served entry: the proof does not carry the entry's content")
        elif shown != recorded:
            problems.append("served entry: it is not the entry the proof covers")
    return problems


def check_consistency(document: dict[str, Any], key: Ed25519PublicKey) -> list[str]:
    if document.get("format") != CONSISTENCY_FORMAT:
        return [f"format: not a consistency proof ({CONSISTENCY_FORMAT})"]
    first, second = document["first"], document["second"]
    problems = [*check_head(first, key), *check_head(second, key)]
    if not consistent(int(first["tree_size"]), int(second["tree_size"]), bytes.fromhex(first["root"]),
                      bytes.fromhex(second["root"]), _hashes(document["proof"])):
        problems.append(f"checkpoint {first['seq']} is not the start of checkpoint {second['seq']}")
    return problems


def check_document(document: dict[str, Any], key: Ed25519PublicKey,
                   served: dict[str, Any] | None = None) -> list[str]:
    if document.get("format") == CONSISTENCY_FORMAT:
        return check_consistency(document, key)
    return check_inclusion(document, key, served)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cadre verify-proof", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("proof", type=Path, help="an inclusion or consistency proof (JSON)")
    parser.add_argument("--key", type=Path, required=True,
                        help="the audit service's Ed25519 public key (PEM, or hex)")
    parser.add_argument("--entry", type=Path, help="the timeline entry as served (JSON), to match")
    args = parser.parse_args(argv)
    try:
        document = json.loads(args.proof.read_text(encoding="utf-8"))
        key = public_key_from(args.key.read_text(encoding="utf-8"))
        served = json.loads(args.entry.read_text(encoding="utf-8")) if args.entry else None
    except (OSError, ValueError) as error:
        print(json.dumps({"valid": False, "problems": [str(error)]}, ensure_ascii=False))
        return 1
    problems = check_document(document, key, served)
    print(json.dumps({"valid": not problems, "problems": problems}, ensure_ascii=False, indent=2))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
