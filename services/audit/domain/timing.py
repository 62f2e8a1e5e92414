"""The two time axes of the record: when a thing took effect, and when the record learnt of it.

Every entry keeps both. The effective time is the one its source stated (the field the event
type names: the day a decision was taken, a step done, a signal reported), with who stated it;
the recorded time is the audit service's own clock when it recorded the entry. Replay answers
"as of T" on the first axis, "as known at T'" on the second, or both: a signal published today
that says it happened in 2020 is in the view as of 2021 as known today, and absent from it as
known in 2021. A day without a time is taken as its start in China Standard Time, the time zone
the record's dates are stated in.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from services.audit.domain.entries import Entry, data, is_broken

CST = timezone(timedelta(hours=8))
# The field of each event type that states when it happened or took effect; the others took
# effect when their source says they occurred.
EFFECTIVE_FIELDS: dict[str, str] = {
    "CircumstanceReported": "reported_at",
    "UnsuitabilityDetermined": "determined_on",
    "AdjustmentStepRecorded": "on",
    "AdjustmentDecided": "decided_on",
    "AdjustmentExecuted": "effective_on",
    "AdjustmentCorrected": "effective_on",
    "AppealLodged": "lodged_on",
    "AppealDecided": "decided_on",
    "FormalitiesOverdue": "detected_on",
    "QuotaAbsorptionOverdue": "detected_on",
    "FollowUpItemRecorded": "on",
    "FollowUpItemMissed": "detected_on",
    "FollowUpProblemReported": "reported_on",
    "ReinstatementEligible": "eligible_on",
    "ReinstatementDecided": "decided_on",
    "EarlySignMeasureTaken": "taken_on",
    "FaultToleranceApplied": "applied_on",
    "FaultToleranceGranted": "decided_on",
    "FaultToleranceRefused": "decided_on",
    "FaultToleranceRevoked": "revoked_on",
    "SanctionImposed": "imposed_on",
    "CadreRegistered": "effective_on",
    "CadrePostChanged": "effective_on",
    "CadreAuthorityChanged": "effective_on",
    "CadreLeft": "effective_on",
}


def moment(value: object) -> datetime:
    """An ISO date or date-time as an aware moment (a day: its start; no zone: CST)."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time())
    else:
        text = str(value)
        parsed = datetime.combine(date.fromisoformat(text), time()) if len(text) == 10 \
            else datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=CST)


def stated_effective(event_type: str, d: dict[str, Any], occurred_at: str, source: str) -> dict[str, Any]:
    """When the event took effect, as its source stated it: the value, the field, and who said so."""
    name = EFFECTIVE_FIELDS.get(event_type)
    value = d.get(name) if name else None
    if value is not None:
        try:
            moment(value)
            return {"at": str(value), "field": name, "stated_by": source}
        except ValueError:
            pass  # a malformed date counts as stated at the moment the source says it occurred
    return {"at": occurred_at, "field": "occurred_at", "stated_by": source}


def effective_at(entry: Entry) -> datetime:
    stated = entry.get("effective")
    if isinstance(stated, dict) and stated.get("at"):
        return moment(stated["at"])
    # Entries recorded before the record kept both axes: derive it the same way.
    return moment(stated_effective(str(entry.get("type")), data(entry), str(entry["occurred_at"]),
                                   str(entry.get("source")))["at"])


def known_at(entry: Entry) -> datetime:
    """When the record learnt of the entry (before both axes were kept: when its source says it
    occurred, the closest the record has)."""
    return moment(entry.get("recorded_at") or entry["occurred_at"])


def select(entries: list[Entry], as_of: datetime | None = None,
           as_known_at: datetime | None = None) -> list[Entry]:
    """The entries in effect by `as_of` among those the record knew by `as_known_at`. A broken
    entry has no trustworthy time: it is in every view, so nobody reads past it unwarned."""
    chosen = entries
    if as_known_at is not None:
        known = moment(as_known_at)
        chosen = [e for e in chosen if is_broken(e) or known_at(e) <= known]
    if as_of is not None:
        effective = moment(as_of)
        chosen = [e for e in chosen if is_broken(e) or effective_at(e) <= effective]
    return list(chosen)


def timing_of(entries: list[Entry]) -> list[dict[str, Any]]:
    """For each entry in record order: both moments, whether it was back-dated (took effect on an
    earlier day than the record learnt of it) and whether it arrived late (after an entry that
    took effect later)."""
    latest: datetime | None = None
    result: list[dict[str, Any]] = []
    for entry in entries:
        if is_broken(entry):
            result.append({"broken": True})
            continue
        effective, known = effective_at(entry), known_at(entry)
        days = (known.astimezone(CST).date() - effective.astimezone(CST).date()).days
        result.append({"effective_at": effective.isoformat(), "known_at": known.isoformat(),
                       "back_dated": days > 0, "known_days_after_effect": max(days, 0),
                       "late": latest is not None and effective < latest})
        latest = effective if latest is None else max(latest, effective)
    return result


def with_timing(entries: list[Entry]) -> list[Entry]:
    """The entries as served: each with its `timing` (derived, not part of the recorded entry)."""
    return [{**entry, "timing": timing} for entry, timing in zip(entries, timing_of(entries), strict=True)]
