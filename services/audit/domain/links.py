"""Which case an entry belongs to (IM 32 records per case as well as per cadre).

Adjustment events carry `case_id`; identification events carry `concern_id` (and the first step of
a case names its concern); follow-up events carry `plan_id`, which `FollowUpOpened` ties to a case.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from services.audit.domain.entries import Entry, data


@dataclass
class CaseLinks:
    concern_case: dict[str, str] = field(default_factory=dict)
    plan_case: dict[str, str] = field(default_factory=dict)
    signal_concern: dict[str, str] = field(default_factory=dict)

    def learn(self, entry: Entry) -> str | None:
        """Note the ties an entry reveals; returns the concern newly tied to a case, if any."""
        d = data(entry)
        case_id = d.get("case_id")
        if entry.get("type") == "ConcernOpened" and d.get("first_signal_id"):
            self.signal_concern[str(d["first_signal_id"])] = str(d["concern_id"])
        if case_id and d.get("plan_id"):
            self.plan_case[str(d["plan_id"])] = str(case_id)
        details = d.get("details")
        concern_id = details.get("concern_id") if isinstance(details, dict) else None
        if case_id and concern_id and str(concern_id) not in self.concern_case:
            self.concern_case[str(concern_id)] = str(case_id)
            return str(concern_id)
        return None

    def case_of(self, entry: Entry) -> str | None:
        d = data(entry)
        if d.get("case_id"):
            return str(d["case_id"])
        if d.get("plan_id") and str(d["plan_id"]) in self.plan_case:
            return self.plan_case[str(d["plan_id"])]
        concern_id = self.concern_of(entry)
        return self.concern_case.get(concern_id) if concern_id else None

    def concern_of(self, entry: Entry) -> str | None:
        d = data(entry)
        if d.get("concern_id"):
            return str(d["concern_id"])
        if entry.get("type") == "CircumstanceReported" and d.get("signal_id"):
            return self.signal_concern.get(str(d["signal_id"]))
        return None
