"""HTTP API of the tamper evidence: verify the chain, prove an entry's inclusion, seal now."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter

from services.audit.domain.errors import RecordNotFoundError
from services.audit.supervision import PartsDep, RuntimeDep, SupervisorDep, admit

router = APIRouter(prefix="/integrity", tags=["integrity"])


@router.get("/verify")
def verify_log(parts: PartsDep, runtime: RuntimeDep, supervisor: SupervisorDep) -> dict[str, Any]:
    """Recompute the hash chain over the stored log and check every signed checkpoint."""
    admit(supervisor, runtime, parts, "integrity verification", [supervisor.unit] if supervisor else [])
    return asdict(parts.sealer.verify())


@router.get("/entries/{notification_id}/proof")
def get_inclusion_proof(notification_id: int, parts: PartsDep) -> dict[str, Any]:
    """An entry's link and Merkle path to a signed checkpoint (log position)."""
    return parts.sealer.inclusion_proof(notification_id)


@router.get("/events/{event_id}/proof")
def get_event_inclusion_proof(event_id: str, parts: PartsDep) -> dict[str, Any]:
    """The inclusion proof of the entry recording an integration event (by its event id)."""
    position = parts.read_model.position_of(event_id)
    if position is None:
        raise RecordNotFoundError(f"event {event_id} is not recorded")
    return parts.sealer.inclusion_proof(position)


@router.get("/public-key")
def get_public_key(parts: PartsDep) -> dict[str, str]:
    """The Ed25519 public key that checkpoint signatures verify with."""
    return {"algorithm": "Ed25519", "key_id": parts.sealer.signer.key_id,
            "public_key": parts.sealer.signer.public_hex}


@router.post("/checkpoints")
def seal_checkpoints(parts: PartsDep) -> dict[str, int]:
    """Seal everything recorded so far into signed checkpoints now (also done periodically)."""
    return {"sealed": parts.sealer.seal_all(), "last_seq": parts.sealer.last_seq()}
