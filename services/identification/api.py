"""HTTP API of the identification service: thin routers, request model → application call."""

from __future__ import annotations

from fastapi import APIRouter

from services.identification.routes import (
    concern_steps,
    corrections,
    fault_tolerance,
    feeds_and_packs,
    lists,
    queries,
    reference,
    reforms,
    register,
    signals,
)

PARTS = (signals, concern_steps, queries, feeds_and_packs, fault_tolerance, reforms, register,
         lists, reference, corrections)

router = APIRouter()
# The routes themselves, not nested routers: the host checks each route's declared action family,
# and a nested router would hide its routes from that check.
for part in PARTS:
    router.routes.extend(part.router.routes)
