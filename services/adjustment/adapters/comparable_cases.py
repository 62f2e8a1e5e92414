"""Decided cases by circumstance and gravity, so officers keep like cases alike (IM 24).

IM 24: the adjustment of cadres whose problems are close in nature and gravity should stay in basic
balance. This projection indexes every decided case by (pack, article) with its gravity and the
method chosen; a decision revoked on appeal no longer counts (it did not stand), and an item is
compared with the items other packs declare equivalent (IM 6(14) / LG 8(4) / WY 8(4)). A query
reads the index, never replays aggregates.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from services.adjustment.domain.appeal import Appeal
from services.adjustment.domain.case import AdjustmentCase
from shared.eventstore.log_projection import LogProjection
from shared.policy import PackRegistry, UnknownCircumstanceError, UnknownPackError, load_packs

DEFAULT_GRAVITY = "ordinary"


class ComparableCases(LogProjection):
    event_classes = (AdjustmentCase.Opened, AdjustmentCase.Proposed, AdjustmentCase.Decided,
                     Appeal.Decided)

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.packs: PackRegistry = load_packs()  # the service's registry, set by its store
        self.drafts: dict[str, dict[str, Any]] = {}
        self.by_circumstance: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.revoked: set[str] = set()

    def apply(self, domain_event: Any) -> None:
        state = vars(domain_event)
        case_id = str(domain_event.originator_id)
        if isinstance(domain_event, AdjustmentCase.Opened):
            self.drafts[case_id] = {"circumstances": state["circumstances"],
                                    "pack_id": state["authority"]["pack_id"]}
        elif isinstance(domain_event, AdjustmentCase.Proposed):
            proposal = state["proposal"]
            self.drafts[case_id].update(gravity=proposal.get("gravity") or DEFAULT_GRAVITY,
                                        nature=proposal["nature"])
        elif isinstance(domain_event, AdjustmentCase.Decided):
            draft = self.drafts.pop(case_id)
            entry = {
                "case_id": case_id, "method": state["terms"]["method"], "nature": draft["nature"],
                "gravity": draft["gravity"], "decided_on": state["decision"]["meeting_date"],
                "pack_id": draft["pack_id"],
                "circumstances": [c["article"] for c in draft["circumstances"]],
            }
            for circumstance in draft["circumstances"]:
                key = (circumstance.get("pack_id", draft["pack_id"]), circumstance["article"])
                self.by_circumstance.setdefault(key, []).append(entry)
        elif isinstance(domain_event, Appeal.Decided) and state["outcome"] == "revoked":
            self.revoked.add(str(state["case_id"]))

    def equivalents(self, pack_id: str, article: str) -> list[tuple[str, str]]:
        """(pack, article) of this item and of the items declared equivalent to it, either way."""
        found = [(pack_id, article)]
        try:
            own = self.packs.get(pack_id).by_article(article)
        except (UnknownPackError, UnknownCircumstanceError):
            return found
        for pack in self.packs.list():
            for item in pack.circumstances:
                declared = own.code in item.equivalent_to or item.code in own.equivalent_to
                if declared and (pack.pack_id, item.article) not in found:
                    found.append((pack.pack_id, item.article))
        return found

    def comparable(
        self, pack_id: str, article: str, gravity: str | None, exclude: str | None = None
    ) -> dict[str, Any]:
        """Earlier decided cases with this circumstance, or one declared equivalent (and gravity
        grade), and their methods; decisions revoked on appeal are left out."""
        self.catch_up()
        keys = self.equivalents(pack_id, article)
        with self.lock:
            seen: dict[str, dict[str, Any]] = {}
            for key in keys:
                for e in self.by_circumstance.get(key, []):
                    if e["case_id"] != exclude and e["case_id"] not in self.revoked and (
                            gravity is None or e["gravity"] == gravity):
                        seen[e["case_id"]] = e
        cases = sorted(seen.values(), key=lambda e: (e["decided_on"], e["case_id"]))
        return {
            "pack_id": pack_id, "article": article, "gravity": gravity, "cases": cases,
            "equivalent_items": [{"pack_id": p, "article": a} for p, a in keys[1:]],
            "methods": dict(Counter(e["method"] for e in cases).most_common()),
        }
