"""The procedure sections of the packs (meeting, talk, clocks, levels, reform chain), the shared
citation form, and pack versions put in force from a date."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from shared.policy import DEFAULT_PACK_DIRECTORY, PackFormatError, PackRegistry, UnknownPackError, load_packs
from shared.policy.citation import CITATION, is_citation
from shared.policy.read_pack import read_pack_text


@pytest.fixture(scope="module")
def registry() -> PackRegistry:
    return load_packs()


def _citations(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [c for k, v in value.items() for c in
                ([v] if k in ("citation", "problem_citation") else _citations(v))]
    if isinstance(value, list):
        return [c for v in value for c in _citations(v)]
    return []


@pytest.mark.parametrize("pack_id", ["IM-2022", "LG-2020", "WY-2019"])
def test_every_rule_in_a_shipped_pack_cites_in_the_shared_form(pack_id: str) -> None:
    raw = json.loads((DEFAULT_PACK_DIRECTORY / f"{pack_id}.v1.json").read_text(encoding="utf-8"))
    citations = _citations(raw)
    assert len(citations) > 30
    assert [c for c in citations if not is_citation(c)] == []
    prefixes = {CITATION.fullmatch(c).group("prefix") for c in citations}  # type: ignore[union-attr]
    assert raw["citation_prefix"] in prefixes


@pytest.mark.parametrize(("present", "expected", "quorate"), [(9, 13, True), (8, 12, True), (7, 12, False),
                                                               (2, 3, True), (1, 2, False)])
def test_the_default_quorum_is_two_thirds_of_the_members_who_should_attend(
    registry: PackRegistry, present: int, expected: int, quorate: bool
) -> None:
    rule = registry.get("IM-2022").meeting
    assert rule.citation == "CSR 30"
    assert rule.quorum.met(present, expected) is quorate


@pytest.mark.parametrize(("votes_for", "expected", "carried"), [(7, 13, True), (6, 12, False), (7, 12, True),
                                                                (2, 4, False), (3, 4, True)])
def test_the_default_majority_is_more_than_half_of_the_members_who_should_attend(
    registry: PackRegistry, votes_for: int, expected: int, carried: bool
) -> None:
    assert registry.get("WY-2019").meeting.majority.met(votes_for, expected) is carried


def test_the_talker_table_is_pack_data_with_its_citation(registry: PackRegistry) -> None:
    im = registry.get("IM-2022").talk
    assert im.citation == "IM 20"
    assert im.rule_for("party_committee_head").talkers == {"upper_committee_leader", "upper_org_dept_head"}
    assert im.rule_for("someone_unlisted") == im.rule_for("unit_staff")
    assert registry.get("WY-2019").talk.citation == "WY 15"


def test_fault_tolerance_clocks_belong_to_the_pack_that_sets_them(registry: PackRegistry) -> None:
    wy = registry.get("WY-2019").fault_tolerance
    assert wy is not None
    assert {n: (r.length.text(), r.citation) for n, r in wy.clocks.items()} == {
        "investigation_report": ("15 working days", "WY-FT 8(2)"),
        "determination": ("30 working days", "WY-FT 8(3)"),
        "refusal_reply": ("10 days", "WY-FT 8(3)"),
        "deferred_conclusion": ("3 months", "WY-FT 8(4)"),
        "feedback": ("3 working days", "WY-FT 8(5)"),
    }
    assert wy.correction_notice is not None and wy.correction_notice.citation == "WY-FT 10(2)"
    assert wy.rectification is not None
    assert (wy.rectification.usual_months, wy.rectification.max_months) == (2, 4)
    lg = registry.get("LG-2020").fault_tolerance
    assert lg is not None and dict(lg.clocks) == {} and lg.correction_notice is None
    assert registry.get("IM-2022").fault_tolerance is None


def test_the_other_varying_rules_are_pack_data(registry: PackRegistry) -> None:
    im, lg, wy = (registry.get(p) for p in ("IM-2022", "LG-2020", "WY-2019"))
    assert (im.salary_formalities.length.months, im.salary_formalities.citation) == (1, "IM 21")
    assert (im.quota_absorption.length.years, im.quota_absorption.citation) == (1, "IM 25")
    assert im.leadership_levels.at_least("正处级", "副处级") is True
    assert im.leadership_levels.at_least("科员", "副处级") is None
    citations = [f.problem_citation for f in (im.followup, lg.followup, wy.followup)]
    assert citations == ["IM 30", "LG 14", "WY 17"]
    assert lg.reform_filing is not None
    assert [(s.key, s.citation) for s in lg.reform_filing.review_chain] == [
        ("collective_review", "LG-FT 6(2)2"), ("approval", "LG-FT 6(2)3")]
    assert im.reform_filing is None
    assert im.item("IM-2022/6(14)").equivalent_to == ("LG-2020/8(4)", "WY-2019/8(4)")
    assert {m.key: m.weight for m in wy.adjustment.methods} == {
        "move_from_post": 1, "change_to_non_leadership": 2, "removal": 3, "demotion": 4}


def _text(pack_id: str, **changes: Any) -> str:
    raw = json.loads((DEFAULT_PACK_DIRECTORY / f"{pack_id}.v1.json").read_text(encoding="utf-8"))
    raw = copy.deepcopy(raw)
    raw.update(changes)
    return json.dumps(raw, ensure_ascii=False)


def test_a_version_is_in_force_from_its_activation_and_earlier_ones_stay_addressable() -> None:
    registry = load_packs()
    v2 = read_pack_text(_text("IM-2022", version=2), "IM-2022.v2.json")
    assert registry.add(v2) is True
    assert registry.get("IM-2022").version == 1, "an uploaded version is not in force until activated"
    registry.activate("IM-2022", 2, date(2027, 1, 1))
    assert registry.get("IM-2022", on=date(2026, 12, 31)).version == 1
    assert registry.get("IM-2022", on=date(2027, 1, 1)).version == 2
    assert registry.get("IM-2022", version=1).version == 1
    assert registry.activations("IM-2022") == [(1, date(2022, 12, 23)), (2, date(2027, 1, 1))]
    with pytest.raises(UnknownPackError, match="in force on 2000-01-01"):
        registry.get("IM-2022", on=date(2000, 1, 1))
    with pytest.raises(UnknownPackError, match="v3"):
        registry.activate("IM-2022", 3, date(2027, 1, 1))


def test_a_known_version_is_never_replaced_by_other_contents(tmp_path: Path) -> None:
    registry = load_packs()
    same = read_pack_text(_text("WY-2019"), "WY-2019.v1.json")
    assert registry.add(same) is False
    changed = read_pack_text(_text("WY-2019", title_en="changed"), "WY-2019.v1.json")
    with pytest.raises(PackFormatError, match="new version"):
        registry.add(changed)


def test_a_file_may_state_its_own_effective_date() -> None:
    pack = read_pack_text(_text("LG-2020", version=2, effective_from="2027-03-01"), "LG-2020.v2.json")
    registry = PackRegistry([pack])
    assert registry.get("LG-2020", on=date(2027, 3, 1)).version == 2
    with pytest.raises(UnknownPackError):
        registry.get("LG-2020", on=date(2027, 2, 28))
