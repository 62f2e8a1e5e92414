"""IM 22: appeals are lodged against a decision and corrected forward, never by rewriting."""

from __future__ import annotations

from datetime import date

import pytest

from services.adjustment.domain.appeal import Appeal
from services.adjustment.domain.errors import AppealRefusedError

TERMS = {"method": "removal", "former_post": "局长", "former_rank": "正处级",
         "new_post": "一级调研员", "new_rank": "一级调研员"}


def lodged(**overrides: object) -> Appeal:
    fields: dict[str, object] = {
        "case_id": "case-1", "cadre_id": "k1", "terms": TERMS, "decided_on": date(2026, 5, 20),
        "kind": "appeal", "lodged_by": "张三", "lodged_on": date(2026, 5, 21), "grounds": "不服",
    }
    fields.update(overrides)
    return Appeal.lodge(**fields)  # type: ignore[arg-type]


def test_there_is_nothing_to_appeal_before_a_decision() -> None:
    with pytest.raises(AppealRefusedError, match="none is recorded"):
        lodged(terms=None, decided_on=None)
    with pytest.raises(AppealRefusedError, match="before the decision"):
        lodged(lodged_on=date(2026, 5, 19))
    assert lodged(lodged_on=date(2026, 5, 20)).lodged_on == date(2026, 5, 20)


def test_revocation_restores_the_former_post_rank_and_pay_by_default() -> None:
    appeal = lodged()
    appeal.decide(outcome="revoked", decided_on=date(2026, 8, 1), decided_by="市委", reason="证据不足")
    assert appeal.correction == {
        "restored_post": "局长", "restored_rank": "正处级",
        "restored_pay": "pay and benefits of the former post restored", "new_method": None,
        "effective_on": "2026-08-01",
    }


def test_upheld_corrects_nothing_and_a_decision_is_final() -> None:
    appeal = lodged()
    appeal.decide(outcome="upheld", decided_on=date(2026, 8, 1), decided_by="市委", reason="正确")
    assert appeal.correction is None
    with pytest.raises(AppealRefusedError, match="already decided"):
        appeal.decide(outcome="revoked", decided_on=date(2026, 8, 2), decided_by="市委", reason="x")


def test_a_modification_names_what_changes() -> None:
    with pytest.raises(AppealRefusedError, match="names the new method"):
        lodged().decide(outcome="modified", decided_on=date(2026, 8, 1), decided_by="市委", reason="x")
    appeal = lodged()
    appeal.decide(outcome="modified", decided_on=date(2026, 8, 1), decided_by="市委", reason="较轻",
                  new_method="demotion", effective_on=date(2026, 8, 15))
    assert appeal.correction is not None
    assert appeal.correction["new_method"] == "demotion"
    assert appeal.correction["effective_on"] == "2026-08-15"
