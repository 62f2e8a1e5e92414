"""Decided cases by circumstance and gravity, so officers keep like cases alike (IM 24).

IM 24: the adjustment of cadres whose problems are close in nature and gravity should stay in basic
balance. This projection indexes every decided case by (pack, article) with its gravity and the
method chosen; a query reads the index, never replays aggregates.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from services.adjustment.domain.case import AdjustmentCase
from shared.eventstore.log_projection import LogProjection

DEFAULT_GRAVITY = "ordinary"


class ComparableCases(LogProjection):
    event_classes = (AdjustmentCase.Opened, AdjustmentCase.Proposed, AdjustmentCase.Decided)

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.drafts: dict[str, dict[str, Any]] = {}
        self.by_circumstance: dict[tuple[str, str], list[dict[str, Any]]] = {}

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
                "circumstances": [c["article"] for c in draft["circumstances"]],
            }
            for circumstance in draft["circumstances"]:
                key = (circumstance.get("pack_id", draft["pack_id"]), circumstance["article"])
                self.by_circumstance.setdefault(key, []).append(entry)

    def comparable(
        self, pack_id: str, article: str, gravity: str | None, exclude: str | None = None
    ) -> dict[str, Any]:
        """Earlier decided cases with this circumstance (and gravity grade) and their methods."""
        self.catch_up()
        with self.lock:
            cases = [
                e for e in self.by_circumstance.get((pack_id, article), [])
                if e["case_id"] != exclude and (gravity is None or e["gravity"] == gravity)
            ]
        cases = sorted(cases, key=lambda e: (e["decided_on"], e["case_id"]))
        return {
            "pack_id": pack_id, "article": article, "gravity": gravity, "cases": cases,
            "methods": dict(Counter(e["method"] for e in cases).most_common()),
        }
