"""The register as officers search it: every cadre's current entry, indexed by name, the initials of
the name's pinyin (wjg for 王建国), unit and post; derived from the service's own log.

Lookups go through dictionaries of token → cadre ids, so a search touches only the cadres it
matches, not the whole register.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pypinyin import Style, lazy_pinyin

from services.identification.domain.register.cadre_record import CadreRecord
from shared.eventstore.log_projection import LogProjection

SORTS = ("name", "cadre_id", "unit", "post", "-name", "-cadre_id", "-unit", "-post")


@dataclass
class RegisterRow:
    cadre_id: str
    name: str
    initials: str
    post: dict[str, Any]
    authority: dict[str, Any]
    state: str

    def as_dict(self) -> dict[str, Any]:
        return {"cadre_id": self.cadre_id, "name": self.name, "post": self.post["post"],
                "unit_id": self.post["unit_id"], "rank": self.post["rank"], "level": self.post["level"],
                "role": self.post["role"], "state": self.state, **self.authority}


@lru_cache(maxsize=65_536)
def initials_of(name: str) -> str:
    # pypinyin segments the name first (≈0.2 ms); the same name recurs across a large register.
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


def _prefixes(text: str) -> set[str]:
    return {text[:n] for n in range(1, len(text) + 1)}


def _grams(text: str) -> set[str]:
    """Every substring of a name (names are 2-4 characters): a search may hit its middle."""
    return {text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1)}


class RegisterIndex(LogProjection):
    event_classes = (CadreRecord.Registered, CadreRecord.PostChanged, CadreRecord.AuthorityChanged,
                     CadreRecord.StateChanged, CadreRecord.PersonCorrected)

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.rows: dict[str, RegisterRow] = {}
        self.by_text: dict[str, set[str]] = defaultdict(set)
        self.by_unit: dict[str, set[str]] = defaultdict(set)
        self.by_post: dict[str, set[str]] = defaultdict(set)
        self.origins: dict[Any, RegisterRow] = {}

    def apply(self, domain_event: Any) -> None:
        state = vars(domain_event)
        if isinstance(domain_event, CadreRecord.Registered):
            self._put(RegisterRow(state["cadre_id"], state["person"]["name"], "", state["post"],
                                  state["authority"], state["state"]))
            return
        row = self.origins.get(domain_event.originator_id)
        if row is None:
            return
        self._drop(row)
        if isinstance(domain_event, CadreRecord.PostChanged):
            row.post, row.state = state["post"], state["state"]
        elif isinstance(domain_event, CadreRecord.AuthorityChanged):
            row.authority = state["authority"]
        elif isinstance(domain_event, CadreRecord.StateChanged):
            row.state = state["state"]
        elif isinstance(domain_event, CadreRecord.PersonCorrected):
            row.name = state["person"]["name"]
        self._put(row)

    def _put(self, row: RegisterRow) -> None:
        row.initials = initials_of(row.name)
        self.rows[row.cadre_id] = row
        self.origins[CadreRecord.create_id(row.cadre_id)] = row
        for token in _grams(row.name) | _prefixes(row.initials) | _prefixes(row.cadre_id.lower()):
            self.by_text[token].add(row.cadre_id)
        self.by_unit[row.post["unit_id"]].add(row.cadre_id)
        self.by_post[row.post["post"]].add(row.cadre_id)

    def _drop(self, row: RegisterRow) -> None:
        for token in _grams(row.name) | _prefixes(row.initials) | _prefixes(row.cadre_id.lower()):
            self.by_text[token].discard(row.cadre_id)
        self.by_unit[row.post["unit_id"]].discard(row.cadre_id)
        self.by_post[row.post["post"]].discard(row.cadre_id)

    def search(self, q: str | None = None, unit: str | None = None, post: str | None = None,
               state: str | None = None) -> list[RegisterRow]:
        """Cadres matching every given criterion; q is a name, part of one, pinyin initials or
        the start of a cadre id."""
        self.catch_up()
        with self.lock:
            sets: list[set[str]] = []
            if q:
                sets.append(self.by_text.get(q.strip().lower(), set()) | self.by_text.get(q.strip(), set()))
            if unit:
                sets.append(self.by_unit.get(unit, set()))
            if post:
                sets.append(self.by_post.get(post, set()))
            ids = set.intersection(*sorted(sets, key=len)) if sets else set(self.rows)
            found = [self.rows[c] for c in ids]
        return [r for r in found if state is None or r.state == state]
