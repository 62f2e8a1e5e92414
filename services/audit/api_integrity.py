"""HTTP API of the tamper evidence: verify the chain, prove an entry's inclusion, seal now.
Verifying is open to every role granted it (reach "any"), so these routes need no record check:
they never disclose a record's contents, only its place in the chain and the digest of its state
(whoever may read the record reads it from the timeline, and that read is checked and recorded)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter

from services.audit.api_deps import PartsDep
from services.audit.domain.errors import RecordNotFoundError
from shared.access.http import access
from shared.access.policy import Action

router = APIRouter(prefix="/integrity", tags=["integrity"])
VERIFY, CONFIGURE = access(Action.VERIFY_INTEGRITY), access(Action.CONFIGURE)


@router.get("/verify", openapi_extra=VERIFY)
def verify_log(parts: PartsDep) -> dict[str, Any]:
    """Recompute the hash chain over the stored log and check every signed checkpoint."""
    return asdict(parts.sealer.verify())


@router.get("/entries/{notification_id}/proof", openapi_extra=VERIFY)
def get_inclusion_proof(notification_id: int, parts: PartsDep) -> dict[str, Any]:
    """An entry's link and Merkle path to a signed checkpoint (log position)."""
    return _without_contents(parts.sealer.inclusion_proof(notification_id))


@router.get("/events/{event_id}/proof", openapi_extra=VERIFY)
def get_event_inclusion_proof(event_id: str, parts: PartsDep) -> dict[str, Any]:
    """The inclusion proof of the entry recording an integration event (by its event id)."""
    position = parts.read_model.position_of(event_id)
    if position is None:
        raise RecordNotFoundError(f"event {event_id} is not recorded")
    return _without_contents(parts.sealer.inclusion_proof(position))


def _without_contents(proof: dict[str, Any]) -> dict[str, Any]:
    entry = proof.get("entry")
    if not isinstance(entry, dict) or "state" not in entry:
        return proof
    state = json.dumps(entry["state"], sort_keys=True, ensure_ascii=False).encode()
    summary = {k: v for k, v in entry.items() if k != "state"}
    return {**proof, "entry": {**summary, "state_sha256": hashlib.sha256(state).hexdigest()}}


@router.get("/public-key", openapi_extra=VERIFY)
def get_public_key(parts: PartsDep) -> dict[str, str]:
    """The Ed25519 public key that checkpoint signatures verify with."""
    return {"algorithm": "Ed25519", "key_id": parts.sealer.signer.key_id,
            "public_key": parts.sealer.signer.public_hex}


@router.post("/checkpoints", openapi_extra=CONFIGURE)
def seal_checkpoints(parts: PartsDep) -> dict[str, int]:
    """Seal everything recorded so far into signed checkpoints now (also done periodically)."""
    return {"sealed": parts.sealer.seal_all(), "last_seq": parts.sealer.last_seq()}
