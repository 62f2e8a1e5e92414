"""The access policy (SPEC §8): which role may take which action on which record. Data plus pure
functions, versioned: every decision names the rule that made it and the policy version, and both
are kept in the record of denials and supervisory reads.

Actions are families of endpoints; each HTTP route declares its family (see `http.py`). A grant
says how far a role's reach goes for that family:

- `managing`: the record's cadre is managed (or co-managed) by the principal's unit;
- `subtree`: the record lies at or beneath the principal's unit (inspection teams: the units they
  were sent to);
- `above`: the record lies strictly beneath the principal's unit (the upper level, not the unit itself);
- `own`: the record is the principal's own (the cadre concerned);
- `own_system`: the producer system publishes under its own name only;
- `any`: no record-specific limit (reference data, configuration).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from shared.access.org_tree import OrgTree
from shared.access.principal import Principal, Role
from shared.contract.events import PRODUCER_SYSTEMS

POLICY_VERSION = "access-policy/2026.2"

Reach = Literal["managing", "subtree", "above", "own", "own_system", "any"]


class Action(StrEnum):
    REPORT_SIGNAL = "report_signal"  # a circumstance report over HTTP
    SUBMIT_FEED = "submit_feed"  # assessment or statistics feeds
    READ_REFERENCE = "read_reference"  # policy packs, jurisdictions' pack bindings, public keys
    CONFIGURE = "configure"  # bind packs, adjust a demo clock, seal checkpoints
    READ_REPORTS = "read_reports"  # signals and concerns: they name reporters (IM 36)
    READ_CASE = "read_case"  # adjustment cases, appeals, fault-tolerance files, follow-up plans
    ACT_ON_CASE = "act_on_case"  # the case officer's steps
    DECIDE = "decide"  # the committee's decisions, recorded by its secretary
    LODGE = "lodge"  # appeal, review, fault-tolerance application, the cadre's own requests
    READ_RECORD = "read_record"  # the documentary record (audit timelines and case files)
    SUPERVISE = "supervise"  # compliance findings, statistics, the access log
    VERIFY_INTEGRITY = "verify_integrity"  # hash-chain verification and inclusion proofs
    READ_FILING = "read_filing"  # the annual filing report (IM 32)
    PREPARE_FILING = "prepare_filing"  # the department submits its filing
    ACKNOWLEDGE_FILING = "acknowledge_filing"  # the upper level acknowledges it
    MANAGE_QUOTA = "manage_quota"  # post quota ledgers (IM 25)
    READ_QUOTA = "read_quota"


_JURISDICTION_READS: dict[Action, Reach] = {
    Action.READ_REFERENCE: "any",
    Action.READ_REPORTS: "managing",
    Action.READ_CASE: "managing",
    Action.READ_RECORD: "managing",
    Action.READ_QUOTA: "managing",
}
_SUPERVISORY_READS: dict[Action, Reach] = {
    Action.READ_REFERENCE: "any",
    Action.READ_REPORTS: "subtree",
    Action.READ_CASE: "subtree",
    Action.READ_RECORD: "subtree",
    Action.READ_QUOTA: "subtree",
    Action.SUPERVISE: "subtree",
    Action.VERIFY_INTEGRITY: "any",
    Action.READ_FILING: "subtree",
}

GRANTS: Mapping[Role, Mapping[Action, Reach]] = {
    "case_officer": {
        **_JURISDICTION_READS,
        Action.REPORT_SIGNAL: "managing",
        Action.SUBMIT_FEED: "managing",
        Action.ACT_ON_CASE: "managing",
        Action.LODGE: "managing",  # registers what the cadre lodged on paper
        Action.READ_FILING: "managing",
        Action.PREPARE_FILING: "managing",
        Action.MANAGE_QUOTA: "managing",
    },
    "committee_secretary": {**_JURISDICTION_READS, Action.DECIDE: "managing"},
    "committee_member": dict(_JURISDICTION_READS),
    "cadre": {
        Action.READ_REFERENCE: "any",
        Action.READ_CASE: "own",
        Action.LODGE: "own",
    },
    # The upper level acknowledges a department's filing, never its own.
    "supervisor": {**_SUPERVISORY_READS, Action.ACKNOWLEDGE_FILING: "above"},
    "inspection_team": dict(_SUPERVISORY_READS),
    "producer": {Action.REPORT_SIGNAL: "own_system", Action.SUBMIT_FEED: "own_system"},
    "administrator": {
        Action.READ_REFERENCE: "any",
        Action.CONFIGURE: "any",
        Action.VERIFY_INTEGRITY: "any",
    },
}

# The rule a role's refusal names when the action is not among its grants at all.
ROLE_LIMITS: Mapping[Role, str] = {
    "case_officer": "case_officer.no_committee_decisions",
    "committee_secretary": "committee_secretary.records_decisions_only",
    "committee_member": "committee_member.reads_only",
    "cadre": "cadre.own_case_and_appeals_only",
    "supervisor": "supervisor.reads_only",
    "inspection_team": "inspection_team.reads_only",
    "producer": "producer.publishes_signals_only",
    "administrator": "administrator.no_personnel_records",
}
REACH_RULES: Mapping[Reach, str] = {
    "managing": "jurisdiction.managing_unit",
    "subtree": "jurisdiction.subtree",
    "above": "jurisdiction.upper_level",
    "own": "cadre.own_case",
    "own_system": "producer.own_system",
    "any": "role.grant",
}
# Reads that are themselves recorded (SPEC §8: every read of a case by a supervisor).
RECORDED_READERS: frozenset[Role] = frozenset({"supervisor", "inspection_team"})


@dataclass(frozen=True)
class Target:
    """What a record says about who may reach it."""

    managing_units: frozenset[str] = field(default_factory=frozenset)  # managing and co-managing
    cadre_id: str | None = None
    cadre_unit: str | None = None  # the unit holding the cadre's post
    source_system: str | None = None
    known: bool = True  # False when the service does not know the record's authority

    @property
    def units(self) -> frozenset[str]:
        return self.managing_units | ({self.cadre_unit} if self.cadre_unit else set())

    @classmethod
    def of_cadre(cls, cadre_id: str | None, managing_unit: str | None,
                 co_managing_unit: str | None = None, cadre_unit: str | None = None) -> Target:
        managing = frozenset(u for u in (managing_unit, co_managing_unit) if u)
        return cls(managing_units=managing, cadre_id=cadre_id, cadre_unit=cadre_unit,
                   known=bool(managing or cadre_id))

    @classmethod
    def of_unit(cls, tree: OrgTree, unit: str) -> Target:
        """A unit's own business (its quota ledger): the unit and the committee directly above it."""
        parent = tree.parent(unit)
        return cls(managing_units=frozenset({unit, *([parent] if parent else [])}))

    @classmethod
    def of_system(cls, system: str) -> Target:
        return cls(source_system=system)

    @classmethod
    def unknown(cls) -> Target:
        """No known authority (or no record in particular): only `any` grants reach it."""
        return cls(known=False)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    rule: str
    reason: str
    policy_version: str = POLICY_VERSION


# The source names of signals the services derive themselves, never a reporter's.
INTERNAL_SOURCES = frozenset({"rule_engine", "fault_tolerance", "followup", "identification",
                              "adjustment", "audit", "personnel"})


def grant_of(role: Role, action: Action) -> Reach | None:
    return GRANTS.get(role, {}).get(action)


def decide(principal: Principal, action: Action, target: Target, tree: OrgTree) -> Decision:
    """Whether the principal may take the action on the target, and the rule that says so."""
    reach = grant_of(principal.role, action)
    if (action == Action.REPORT_SIGNAL and principal.role != "producer"
            and target.source_system in PRODUCER_SYSTEMS):
        # A producer's signal ids are its own; a person using its name could pre-empt one of them.
        return Decision(False, "report.producer_name_reserved",
                        f"only the {target.source_system} system reports as {target.source_system}")
    if action == Action.REPORT_SIGNAL and target.source_system in INTERNAL_SOURCES:
        # Signals the services derive themselves (a rule hit, a follow-up problem, a revoked
        # grant) carry these names; a report under one would pass for the service's own finding.
        return Decision(False, "report.internal_name_reserved",
                        f"{target.source_system} names the system's own findings; report under your "
                        f"own name / {target.source_system} 为系统内部来源，不得以此名义报送")
    if reach is None:
        return Decision(False, ROLE_LIMITS[principal.role],
                        f"the {principal.role} role may not {action.value.replace('_', ' ')}")
    rule = REACH_RULES[reach]
    if reach == "any":
        return Decision(True, rule, f"the {principal.role} role may {action.value.replace('_', ' ')}")
    # A cadre's own case and a producer's own name need no known authority; everything else does.
    if not target.known and reach in ("managing", "subtree", "above"):
        return Decision(False, "jurisdiction.unknown",
                        "the record's managing authority is not known, so only unlimited grants reach it")
    if reach == "managing":
        ok = principal.unit in target.managing_units
        where = ", ".join(sorted(target.managing_units)) or "no unit"
        return Decision(ok, rule, f"{principal.unit} {'manages' if ok else 'does not manage'} "
                                  f"this record (managed by {where})")
    if principal.role == "inspection_team" and principal.unit not in tree.scopes:
        # A team reads only where the organisation tree says it was sent, never where its
        # token's unit claim points.
        return Decision(False, "inspection_team.unknown_team",
                        f"{principal.unit} is not an inspection team of the organisation tree "
                        f"/ 组织架构中没有该巡视巡察组")
    if reach == "subtree":
        ok = tree.may_read(principal.unit, target.units)
        return Decision(ok, rule, f"the record {'lies' if ok else 'does not lie'} beneath {principal.unit}")
    if reach == "above":
        ok = principal.unit not in target.units and tree.may_read(principal.unit, target.units)
        return Decision(ok, rule, f"{principal.unit} {'is' if ok else 'is not'} above the record's units")
    if reach == "own":
        ok = target.cadre_id is not None and target.cadre_id == principal.subject
        return Decision(ok, rule, "the record is the cadre's own" if ok else "the record is another cadre's")
    ok = target.source_system is not None and target.source_system == principal.subject
    return Decision(ok, rule, f"{principal.subject} {'publishes' if ok else 'may not publish'} as "
                              f"{target.source_system or 'an unnamed system'}")


def is_recorded_read(principal: Principal, action: Action) -> bool:
    """Supervisory reads of personnel records are recorded, allowed or not."""
    return principal.role in RECORDED_READERS and action not in (Action.READ_REFERENCE,)
