"""A determination cites items of the cadre's own pack, and only items that pack has (IM 16)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from services.adjustment.domain.errors import CitationRefusedError


def require_items_of_pack(pack_id: str, articles: Set[str],
                          circumstances: Sequence[Mapping[str, str]]) -> None:
    if not circumstances:
        raise CitationRefusedError("IM 16", "认定须引用情形", "a determination cites circumstances",
                                   "circumstances")
    for index, cited in enumerate(circumstances):
        where = f"circumstances[{index}]"
        if cited.get("pack_id", pack_id) != pack_id:
            raise CitationRefusedError(
                "IM 16", f"所引 {cited['pack_id']} 不是该干部所属辖区的政策包 {pack_id}",
                f"{cited['pack_id']} is not the cadre's pack {pack_id}", f"{where}.pack_id")
        if cited["article"] not in articles:
            raise CitationRefusedError(
                "IM 16", f"{pack_id} 无条目 {cited['article']}",
                f"{pack_id} has no item {cited['article']!r}", f"{where}.article")
