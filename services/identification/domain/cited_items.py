"""A determination of unsuitability cites items of the cadre's own pack, and only items that
pack has (IM 16: the determination states the circumstances found)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from services.identification.domain.errors import CitationRefusedError
from shared.policy import PolicyPack
from shared.policy.citation import cited_item_fault


def require_items_of_pack(pack: PolicyPack, circumstances: Sequence[Mapping[str, str]]) -> None:
    fault = cited_item_fault(pack.pack_id, {c.article for c in pack.circumstances}, circumstances)
    if fault is not None:
        field, zh, en = fault
        raise CitationRefusedError("IM 16", zh, en, field)
