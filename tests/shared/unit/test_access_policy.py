"""The access policy as pure functions: every role's reach, and the rule each decision names."""

from __future__ import annotations

import pytest

from shared.access.org_tree import load_org_tree, org_tree_from
from shared.access.policy import GRANTS, POLICY_VERSION, Action, Target, decide
from shared.access.principal import ROLES, Principal
from tests.access import CADRE_ID, CADRE_UNIT, EXPECTED, MANAGING, principals

TREE = load_org_tree()
RECORD = Target.of_cadre(CADRE_ID, MANAGING, cadre_unit=CADRE_UNIT)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_what_the_hand_written_matrix_says(role: str) -> None:
    inside, outside = principals(role)  # type: ignore[arg-type]
    # A producer reports as itself; anyone else under a name of their own.
    source = "discipline" if role == "producer" else "org-department"
    record = Target(managing_units=RECORD.managing_units, cadre_id=CADRE_ID, cadre_unit=CADRE_UNIT,
                    source_system=source)
    got = {a.value: (decide(inside, a, record, TREE).allowed, decide(outside, a, record, TREE).allowed)
           for a in Action}
    assert got == EXPECTED[role]  # type: ignore[index]


def test_the_co_managing_unit_acts_as_the_managing_one() -> None:
    record = Target.of_cadre("c", "org:city", co_managing_unit="org:province")
    officer = Principal("o", "case_officer", "org:province")
    assert decide(officer, Action.ACT_ON_CASE, record, TREE).allowed
    stranger = Principal("o", "case_officer", "org:county")
    decision = decide(stranger, Action.ACT_ON_CASE, record, TREE)
    assert not decision.allowed and decision.rule == "jurisdiction.managing_unit"
    assert "org:city" in decision.reason and "org:province" in decision.reason


def test_the_upper_level_reads_every_level_beneath_it_but_no_sibling() -> None:
    deep = Target.of_cadre("c", "unit:bt-housing-bureau")
    assert decide(Principal("s", "supervisor", "org:central"), Action.READ_CASE, deep, TREE).allowed
    assert not decide(Principal("s", "supervisor", "org:hohhot-municipal"), Action.READ_CASE, deep,
                      TREE).allowed


def test_an_inspection_team_reads_only_the_units_it_was_sent_to() -> None:
    tree = org_tree_from({"units": {"a": "root", "b": "root"}, "inspection_teams": {"team-1": ["a"]}})
    team = Principal("t", "inspection_team", "team-1")
    assert decide(team, Action.READ_RECORD, Target.of_cadre("c", "a"), tree).allowed
    assert not decide(team, Action.READ_RECORD, Target.of_cadre("c", "b"), tree).allowed


def test_an_inspection_teams_scope_comes_from_the_tree_not_from_its_tokens_unit_claim() -> None:
    tree = org_tree_from({"units": {"a": "root", "b": "root"}, "inspection_teams": {"team-1": ["a"]}})
    # A team token whose unit claim names a real unit (or the root) is not a team the tree knows.
    for claimed in ("root", "b"):
        decision = decide(Principal("t", "inspection_team", claimed), Action.READ_RECORD,
                          Target.of_cadre("c", "b"), tree)
        assert not decision.allowed and decision.rule == "inspection_team.unknown_team"


def test_a_producer_publishes_only_as_itself_and_reads_nothing() -> None:
    petitions = Principal("petitions", "producer", "producer")
    assert decide(petitions, Action.REPORT_SIGNAL, Target.of_system("petitions"), TREE).allowed
    as_other = decide(petitions, Action.REPORT_SIGNAL, Target.of_system("discipline"), TREE)
    assert not as_other.allowed and as_other.rule == "producer.own_system"
    reading = decide(petitions, Action.READ_REPORTS, RECORD, TREE)
    assert not reading.allowed and reading.rule == "producer.publishes_signals_only"


def test_a_record_of_unknown_authority_is_reached_only_by_unlimited_grants() -> None:
    officer = Principal("o", "case_officer", MANAGING)
    refused = decide(officer, Action.READ_CASE, Target.unknown(), TREE)
    assert not refused.allowed and refused.rule == "jurisdiction.unknown"
    assert decide(officer, Action.READ_REFERENCE, Target.unknown(), TREE).allowed


def test_a_quota_ledger_is_the_business_of_the_unit_and_the_committee_above_it() -> None:
    ledger = Target.of_unit(TREE, "unit:bt-housing-bureau")
    assert decide(Principal("o", "case_officer", MANAGING), Action.MANAGE_QUOTA, ledger, TREE).allowed
    assert decide(Principal("o", "case_officer", "unit:bt-housing-bureau"), Action.MANAGE_QUOTA, ledger,
                  TREE).allowed
    assert not decide(Principal("o", "case_officer", "org:hohhot-municipal"), Action.MANAGE_QUOTA, ledger,
                      TREE).allowed


def test_every_decision_carries_the_policy_version_and_every_role_has_grants() -> None:
    assert decide(Principal("a", "administrator", "x"), Action.CONFIGURE, Target.unknown(),
                  TREE).policy_version == POLICY_VERSION
    assert set(GRANTS) == set(ROLES)


def test_a_cadre_reaches_their_own_record_even_when_its_authority_is_unknown() -> None:
    own = Target(cadre_id=CADRE_ID, known=False)
    assert decide(Principal(CADRE_ID, "cadre", CADRE_UNIT), Action.READ_CASE, own, TREE).allowed
    assert not decide(Principal("another", "cadre", CADRE_UNIT), Action.READ_CASE, own, TREE).allowed


def test_nobody_but_the_producer_system_reports_under_its_name() -> None:
    officer = Principal("o", "case_officer", MANAGING)
    as_producer = Target(managing_units=frozenset({MANAGING}), source_system="petitions")
    refused = decide(officer, Action.REPORT_SIGNAL, as_producer, TREE)
    assert not refused.allowed and refused.rule == "report.producer_name_reserved"
    own_name = Target(managing_units=frozenset({MANAGING}), source_system="org-department")
    assert decide(officer, Action.REPORT_SIGNAL, own_name, TREE).allowed


def test_the_upper_level_acknowledges_a_departments_filing_but_never_its_own() -> None:
    filing = Target(managing_units=frozenset({MANAGING}))
    above = decide(Principal("s", "supervisor", "org:inner-mongolia-region"), Action.ACKNOWLEDGE_FILING,
                   filing, TREE)
    assert above.allowed and above.rule == "jurisdiction.upper_level"
    own = decide(Principal("s", "supervisor", MANAGING), Action.ACKNOWLEDGE_FILING, filing, TREE)
    assert not own.allowed
    submitting = decide(Principal("s", "supervisor", "org:central"), Action.PREPARE_FILING, filing, TREE)
    assert not submitting.allowed and submitting.rule == "supervisor.reads_only"
