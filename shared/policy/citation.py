"""The one written form of a citation, shared by packs, code, errors and docs: `IM 20`, `WY-FT 8(2)`,
`LG 13`, `WY 9(3)1`, `LG incentive 9(3)`.

A citation is a document prefix (the pack's `citation_prefix`, or a companion document's such as
`WY-FT` for the Wangyi fault-tolerance measures), optionally a part name in lower case, and the
article number with its items in brackets. Grepping for `WY 9(3)` finds the pack item, the rule
that applies it, the refusal that names it and the paragraph that documents it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence, Set

CITATION = re.compile(r"(?P<prefix>[A-Z]+(?:-[A-Z]+)?) (?:(?P<part>[a-z]+) )?(?P<number>\d+[0-9()]*)")
PREFIX = re.compile(r"[A-Z]+(?:-[A-Z]+)?")


def is_citation(text: str) -> bool:
    """Whether `text` is exactly one citation in the shared form."""
    return CITATION.fullmatch(text) is not None


def prefix_of(text: str) -> str:
    """The document prefix of a citation (`WY-FT` of `WY-FT 8(2)`); ValueError if not one."""
    match = CITATION.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a citation such as 'IM 20' or 'WY-FT 8(2)'")
    return match.group("prefix")


def article_citation(prefix: str, article: str) -> str:
    """The citation of a pack article: `art. 6(14)` in the IM pack is `IM 6(14)`; an article of a
    companion part keeps the part (`incentive measures art. 9(3)` → `LG incentive 9(3)`)."""
    words = article.replace("measures ", "").split()
    number = words[-1]
    part = [w for w in words[:-1] if w != "art."]
    return " ".join([prefix, *part, number])


def cited_item_fault(pack_id: str, articles: Set[str],
                     circumstances: Sequence[Mapping[str, str]]) -> tuple[str, str, str] | None:
    """IM 16: what is wrong with a determination's citations of the cadre's pack `pack_id`
    (field, Chinese, English), or None when each names an item the pack has."""
    if not circumstances:
        return "circumstances", "认定须引用情形", "a determination cites circumstances"
    for index, cited in enumerate(circumstances):
        where = f"circumstances[{index}]"
        if cited.get("pack_id", pack_id) != pack_id:
            return (f"{where}.pack_id", f"所引政策包 {cited['pack_id']} 不是该干部所属辖区的政策包 {pack_id}",
                    f"{cited['pack_id']} is not the cadre's pack {pack_id}: cite its items")
        if cited["article"] not in articles:
            return (f"{where}.article", f"{pack_id} 无条目 {cited['article']}",
                    f"{pack_id} has no item {cited['article']!r}")
    return None
