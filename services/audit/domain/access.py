"""Which units an audit record lies under (SPEC §8): the units that manage the cadre, apart from
the unit holding the cadre's post, because officers reach a record through the managing unit only
while supervisors reach it through either. The organisation tree and the access policy themselves
are shared by every service (shared/access)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RecordAuthority:
    """Who a cadre's record answers to, as its entries name them."""

    # Every managing or co-managing unit the record has named: a unit that handled an earlier case
    # keeps reading the record of what it did.
    managing_units: frozenset[str] = field(default_factory=frozenset)
    post_unit: str | None = None  # the unit holding the cadre's post, as last named

    def with_entry(self, entry: Mapping[str, Any]) -> RecordAuthority:
        d = _mapping(entry.get("data"))
        authority = _mapping(d.get("authority"))
        named = (d.get("managing_unit"), d.get("co_managing_unit"),
                 authority.get("managing_unit"), authority.get("co_managing_unit"))
        managing = self.managing_units | {str(u) for u in named if u}
        post = _mapping(d.get("cadre")).get("unit_id")
        return RecordAuthority(frozenset(managing), str(post) if post else self.post_unit)

    @property
    def known(self) -> bool:
        return bool(self.managing_units or self.post_unit)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def record_authority(entries: Iterable[Mapping[str, Any]]) -> RecordAuthority:
    authority = RecordAuthority()
    for entry in entries:
        authority = authority.with_entry(entry)
    return authority


def record_units(entries: Iterable[Mapping[str, Any]]) -> set[str]:
    """The units a cadre's record sits under: the managing unit(s) and every unit of the cadre's post."""
    units: set[str] = set()
    for entry in entries:
        authority = RecordAuthority().with_entry(entry)
        units |= authority.managing_units | ({authority.post_unit} if authority.post_unit else set())
    return units
