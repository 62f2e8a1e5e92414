"""A determination cites items of the cadre's own pack, and only items that pack has (IM 16)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from services.adjustment.domain.errors import CitationRefusedError
from shared.policy.citation import cited_item_fault


def require_items_of_pack(pack_id: str, articles: Set[str],
                          circumstances: Sequence[Mapping[str, str]]) -> None:
    fault = cited_item_fault(pack_id, articles, circumstances)
    if fault is not None:
        field, zh, en = fault
        raise CitationRefusedError("IM 16", zh, en, field)
