"""What identification records say about who may reach them, decided by the shared policy."""

from __future__ import annotations

from services.identification.routes import authority
from shared.access.org_tree import load_org_tree
from shared.access.policy import Action, Target, decide
from shared.access.principal import Principal
from shared.contract.identification_events import AssessmentRecorded

TREE = load_org_tree()
CADRE = {"cadre_id": "c-1", "name": "包明", "unit_id": "unit:bt-housing-bureau", "post": "局长",
         "rank": "正处级"}


def allowed(principal: Principal, action: Action, target: Target) -> bool:
    return decide(principal, action, target, TREE).allowed


def feed(managing_unit: str) -> AssessmentRecorded:
    return AssessmentRecorded.model_validate({
        "record_id": "r-1", "jurisdiction": "j-lg", "managing_unit": managing_unit,
        "feed": "annual_assessment", "subject": {"kind": "cadre", "id": "c-1", "cadre": CADRE},
        "fact": {"kind": "grade", "period": 2024, "grade": "excellent"}})


def test_a_report_names_its_system_and_a_co_managing_unit_reaches_it() -> None:
    target = authority.of_report(CADRE, "org:baotou-municipal", "org:hohhot-municipal", "discipline")
    assert allowed(Principal("discipline", "producer", "producer"), Action.REPORT_SIGNAL, target)
    assert not allowed(Principal("petitions", "producer", "producer"), Action.REPORT_SIGNAL, target)
    co_managing = Principal("o", "case_officer", "org:hohhot-municipal")
    assert not allowed(co_managing, Action.REPORT_SIGNAL, target)  # a producer's name is its own
    own_name = authority.of_report(CADRE, "org:baotou-municipal", "org:hohhot-municipal", "daily:hohhot")
    assert allowed(co_managing, Action.REPORT_SIGNAL, own_name)


def test_a_feed_record_belongs_to_its_producer_and_its_managing_unit() -> None:
    target = authority.of_feed("assessment", feed("org:baotou-municipal"))
    assert allowed(Principal("assessment", "producer", "producer"), Action.SUBMIT_FEED, target)
    assert not allowed(Principal("statistics", "producer", "producer"), Action.SUBMIT_FEED, target)
    assert allowed(Principal("o", "case_officer", "org:baotou-municipal"), Action.SUBMIT_FEED, target)
    assert not allowed(Principal("o", "case_officer", "org:hohhot-municipal"), Action.SUBMIT_FEED, target)


def test_a_cadre_without_feed_facts_is_known_only_to_themselves() -> None:
    target = authority.of_ledger("c-1", None)
    assert allowed(Principal("c-1", "cadre", "unit:bt-housing-bureau"), Action.READ_CASE, target)
    assert not allowed(Principal("o", "case_officer", "org:baotou-municipal"), Action.READ_CASE, target)


def test_a_worklist_item_without_a_managing_unit_reaches_no_one() -> None:
    target = authority.of_worklist_item({"cadre_id": "c-1", "managing_units": []})
    assert target.known is False
    supervisor = Principal("s", "supervisor", "org:central")
    assert not allowed(supervisor, Action.READ_REPORTS, target)
