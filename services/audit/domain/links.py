"""Which case an entry belongs to (IM 32 records per case as well as per cadre).

Adjustment events carry `case_id`; identification events carry `concern_id` (and the first step of
a case names its concern); follow-up events carry `plan_id`, which `FollowUpOpened` ties to a case.
A reported signal names neither: `ConcernOpened` and `ConcernSignalJoined` tie it, by its
reporter's system and own id, to its concern.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from services.audit.domain.entries import Entry, data, key_of, signal_key


@dataclass
class CaseLinks:
    concern_case: dict[str, str] = field(default_factory=dict)
    plan_case: dict[str, str] = field(default_factory=dict)
    signal_concern: dict[str, str] = field(default_factory=dict)  # "source_system:signal_id" → concern

    def learn(self, entry: Entry) -> str | None:
        """Note the ties an entry reveals; returns the concern newly tied to a case, if any."""
        d = data(entry)
        case_id = d.get("case_id")
        signal = {"ConcernOpened": d.get("first_signal"), "ConcernSignalJoined": d.get("signal")}.get(
            str(entry.get("type")))
        key = key_of(signal)
        if key is not None and d.get("concern_id"):
            self.signal_concern[key] = str(d["concern_id"])
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
        key = signal_key(entry)
        return self.signal_concern.get(key) if key is not None else None
