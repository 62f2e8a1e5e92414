"""A determination of unsuitability cites items of the cadre's own pack, and only items that
pack has (IM 16: the determination states the circumstances found)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from services.identification.domain.errors import CitationRefusedError
from shared.policy import PolicyPack


def require_items_of_pack(pack: PolicyPack, circumstances: Sequence[Mapping[str, str]]) -> None:
    articles = {c.article for c in pack.circumstances}
    for index, cited in enumerate(circumstances):
        where = f"circumstances[{index}]"
        if cited["pack_id"] != pack.pack_id:
            raise CitationRefusedError(
                "IM 16", f"所引政策包 {cited['pack_id']} 不是该干部所属辖区的政策包 {pack.pack_id}",
                f"{cited['pack_id']} is not the cadre's pack {pack.ref}: cite its items", f"{where}.pack_id")
        if cited["article"] not in articles:
            raise CitationRefusedError(
                "IM 16", f"{pack.ref} 无条目 {cited['article']}",
                f"{pack.ref} has no item {cited['article']!r}", f"{where}.article")
