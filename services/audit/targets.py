"""What each audit record says about who may reach it (SPEC §8), for the gate.

A cadre's record, case file or compliance findings answer to the units that manage the cadre
(officers reach them through those only) and, for supervisors, also to the unit of the cadre's
post. An annual filing is the organisation department's own business. An access-log entry lies
where the record it is about lies and where its reader works.
"""

from __future__ import annotations

from services.audit.domain.access import RecordAuthority
from services.audit.domain.access_log import LogEntry, units_of
from shared.access.policy import Target


def of_cadre(cadre_id: str, authority: RecordAuthority) -> Target:
    if not authority.known:
        return Target(cadre_id=cadre_id, known=False)
    return Target(managing_units=authority.managing_units, cadre_id=cadre_id, cadre_unit=authority.post_unit)


def of_filing(org_dept: str) -> Target:
    return Target(managing_units=frozenset({org_dept}))


def of_jurisdiction(unit: str) -> Target:
    """A jurisdiction's counts (quota signals): the managing unit they are counted for."""
    return Target(managing_units=frozenset({unit}))


def of_log_entry(entry: LogEntry) -> Target:
    return Target(managing_units=units_of(entry), cadre_id=entry.get("cadre_id"))
