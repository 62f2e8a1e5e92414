"""HTTP API of the tamper evidence: verify the log, prove an entry's inclusion or one checkpoint's
consistency with another, seal now, the public key.

Verifying is open to every role granted it (reach "any"), so these routes need no record check:
they never disclose a record's contents, only an entry's place in the log and the digest of its
content (whoever may read the record gets the proof with the content, from
`GET /cadres/{id}/entries/{event_id}/proof`, and that read is checked and recorded). Every proof
is in the form `cadre verify-proof` checks with nothing but the proof file and the public key.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse

from services.audit.adapters.published import published_heads
from services.audit.api_deps import PartsDep, RuntimeDep
from services.audit.domain.errors import RecordNotFoundError
from shared.access.http import access
from shared.access.policy import Action
from shared.service_host import ServiceRuntime

log = logging.getLogger(__name__)
router = APIRouter(prefix="/integrity", tags=["integrity"])
VERIFY, CONFIGURE = access(Action.VERIFY_INTEGRITY), access(Action.CONFIGURE)
PUBLISHED_TIMEOUT_SECONDS = 10.0


async def _published(runtime: ServiceRuntime) -> list[dict[str, Any]] | None:
    """The heads on the checkpoints stream, or None when NATS cannot be asked now."""
    if runtime.nc is None or not runtime.nc.is_connected:
        return None
    try:
        return await asyncio.wait_for(published_heads(runtime.nc.jetstream()), PUBLISHED_TIMEOUT_SECONDS)
    except Exception:  # the store is still verified; the report says the stream was not read
        log.exception("the published checkpoints could not be read")
        return None


@router.get("/verify", openapi_extra=VERIFY)
async def verify_log(parts: PartsDep, runtime: RuntimeDep) -> dict[str, Any]:
    """Recompute every leaf from the stored rows, check every signed checkpoint and their RFC 6962
    consistency, and compare them with the checkpoints published to JetStream."""
    published = await _published(runtime)
    report = await asyncio.to_thread(parts.sealer.verify, published)
    return {**asdict(report), "published_read": published is not None}


@router.get("/entries/{notification_id}/proof", openapi_extra=VERIFY)
def get_inclusion_proof(notification_id: int, parts: PartsDep) -> dict[str, Any]:
    """An entry's inclusion proof by log position: its place, the digest of its content, the
    path to the latest signed checkpoint."""
    return parts.sealer.inclusion_proof(notification_id)


@router.get("/events/{event_id}/proof", openapi_extra=VERIFY)
def get_event_inclusion_proof(event_id: str, parts: PartsDep) -> dict[str, Any]:
    """The inclusion proof of the entry recording an integration event (by its event id)."""
    position = parts.read_model.position_of(event_id)
    if position is None:
        raise RecordNotFoundError(f"event {event_id} is not recorded")
    return parts.sealer.inclusion_proof(position)


@router.get("/consistency", openapi_extra=VERIFY)
def get_consistency_proof(
    parts: PartsDep,
    first: Annotated[int, Query(ge=1, description="the earlier checkpoint's seq")],
    second: Annotated[int, Query(ge=1, description="the later checkpoint's seq")],
) -> dict[str, Any]:
    """That checkpoint `first` is the start of checkpoint `second` (RFC 6962 consistency)."""
    return parts.sealer.consistency_proof(first, second)


@router.get("/checkpoints", openapi_extra=VERIFY)
def list_checkpoints(parts: PartsDep) -> list[dict[str, Any]]:
    """Every signed checkpoint (tree head), oldest first."""
    return [head.public() for head in parts.sealer.heads()]


@router.get("/public-key", openapi_extra=VERIFY)
def get_public_key(parts: PartsDep) -> dict[str, str]:
    """The Ed25519 public key that checkpoint signatures verify with (hex and PEM)."""
    signer = parts.sealer.signer
    return {"algorithm": "Ed25519", "key_id": signer.key_id, "public_key": signer.public_hex,
            "public_key_pem": signer.public_pem}


@router.get("/public-key.pem", response_class=PlainTextResponse, openapi_extra=VERIFY,
            responses={200: {"content": {"application/x-pem-file": {"schema": {"type": "string"}}}}})
def get_public_key_pem(parts: PartsDep) -> PlainTextResponse:
    """The public key as a PEM file, for `cadre verify-proof --key`."""
    return PlainTextResponse(parts.sealer.signer.public_pem, media_type="application/x-pem-file")


@router.post("/checkpoints", openapi_extra=CONFIGURE)
def seal_checkpoints(parts: PartsDep) -> dict[str, int]:
    """Seal everything recorded so far into signed checkpoints now (also done periodically)."""
    return {"sealed": parts.sealer.seal_all(), "last_seq": parts.sealer.last_seq()}
