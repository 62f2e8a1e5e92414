"""HTTP API of the identification service: thin routers, request model → application call."""

from __future__ import annotations

from fastapi import APIRouter

from services.identification.routes import (
    concern_steps,
    fault_tolerance,
    feeds_and_packs,
    queries,
    reforms,
    signals,
)

router = APIRouter()
for part in (signals, concern_steps, queries, feeds_and_packs, fault_tolerance, reforms):
    router.include_router(part.router)
