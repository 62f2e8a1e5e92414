"""Step records as the API hands them to the domain, and the IM-2022 rules, for unit tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.adjustment.adapters.pack_rules import case_rules_of_pack
from services.adjustment.domain.case import AdjustmentCase
from services.adjustment.domain.case_rules import CaseRules
from shared.policy import load_packs

PACKS = load_packs()


def rules(pack_id: str = "IM-2022") -> CaseRules:
    return case_rules_of_pack(PACKS.get(pack_id))


def proposal(**overrides: Any) -> dict[str, Any]:
    return {"method": "removal", "nature": "punitive", "destination_post": "调研员", "new_rank": "一级调研员",
            "proposed_by": "组织部", "proposed_on": "2026-05-12", **overrides}


def meeting(**overrides: int) -> dict[str, int]:
    return {"members_expected": 11, "present": 9, "votes_for": 8, "votes_against": 0, "abstaining": 1,
            **overrides}


def decision(**overrides: Any) -> dict[str, Any]:
    return {"meeting_date": "2026-05-20", "meeting": meeting(), "recorded_by": "市委办公室",
            "consultation": None, **overrides}


def talk(**overrides: Any) -> dict[str, Any]:
    return {"talker": "上级组织部部长", "talker_position": "upper_org_dept_head", "talk_date": "2026-05-25",
            **overrides}


def new_case(*, role: str = "party_committee_head", authority: dict[str, Any] | None = None,
             articles: tuple[str, ...] = ("art. 6(8)",), pack_id: str = "IM-2022") -> AdjustmentCase:
    return AdjustmentCase(
        concern_id="c", authority=authority or {"managing_unit": "m", "pack_id": pack_id},
        cadre={"cadre_id": "k", "name": "张三", "unit_id": "unit:bureau", "post": "局长", "rank": "正处级",
               "role": role},
        circumstances=[{"pack_id": pack_id, "article": a} for a in articles], evidence_refs=[],
        determined_by="x", determined_on=date(2026, 5, 6), pack_version=1,
    )
