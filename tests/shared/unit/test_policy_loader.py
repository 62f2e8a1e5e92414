"""Loading packs from a directory: operator directories, new jurisdictions, and bad files."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from shared.policy import DEFAULT_PACK_DIRECTORY, PackFormatError, load_packs

Pack = dict[str, Any]


def shipped(pack_id: str) -> Pack:
    data: Pack = json.loads(
        (DEFAULT_PACK_DIRECTORY / f"{pack_id}.v1.json").read_text(encoding="utf-8")
    )
    return data


def write(directory: Path, pack: Pack, name: str | None = None) -> Path:
    path = directory / (name or f"{pack['pack_id']}.v{pack['version']}.json")
    path.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    return path


def test_an_operator_directory_replaces_the_shipped_one_and_latest_version_wins(
    tmp_path: Path,
) -> None:
    v1 = shipped("IM-2022")
    v2 = copy.deepcopy(v1)
    v2["version"] = 2
    v2["followup"]["care_talk_interval_days"] = 60
    write(tmp_path, v1)
    write(tmp_path, v2)
    registry = load_packs(tmp_path)
    assert [(p.pack_id, p.version) for p in registry.list()] == [("IM-2022", 1), ("IM-2022", 2)]
    assert registry.get("IM-2022").followup.care_talk_interval_days == 60
    assert registry.get("IM-2022", 1).followup.care_talk_interval_days == 90
    assert registry.item("IM-2022/6(14)") == registry.get("IM-2022", 2).item("IM-2022/6(14)")


def test_a_new_jurisdiction_is_only_a_new_file(tmp_path: Path) -> None:
    text = (DEFAULT_PACK_DIRECTORY / "WY-2019.v1.json").read_text(encoding="utf-8")
    (tmp_path / "XY-2025.v1.json").write_text(text.replace("WY-2019", "XY-2025"), "utf-8")
    registry = load_packs(str(tmp_path))
    assert registry.item("XY-2025/13").applies_to == ("unit_head",)


def test_an_empty_or_missing_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PackFormatError, match="no \\*.json"):
        load_packs(tmp_path)
    with pytest.raises(PackFormatError, match="not a directory"):
        load_packs(tmp_path / "absent")


def _item(pack: Pack, code: str) -> dict[str, Any]:
    items: list[dict[str, Any]] = [i for i in pack["circumstances"] if i["code"] == code]
    (item,) = items
    return item


def _im_ballot(pack: Pack) -> dict[str, Any]:
    branch: dict[str, Any] = _item(pack, "IM-2022/6(14)")["trigger"]["branches"][2]
    return branch


BALLOT = "circumstances[13].trigger.branches[2]"
HEALTH_LENGTH = "circumstances[18].trigger.length"
CARE_DAYS = "followup.care_talk_interval_days"
ONE_YEAR = {"length": {"years": 1}, "bar": "promotion", "citation": "IM 30", "source": "x"}


def _set(path: Callable[[Pack], dict[str, Any]], key: str, value: Any) -> Callable[[Pack], None]:
    def mutate(pack: Pack) -> None:
        path(pack)[key] = value

    return mutate


def _drop(path: Callable[[Pack], dict[str, Any]], key: str) -> Callable[[Pack], None]:
    def mutate(pack: Pack) -> None:
        del path(pack)[key]

    return mutate


def _root(pack: Pack) -> dict[str, Any]:
    return pack


def _first_item(pack: Pack) -> dict[str, Any]:
    item: dict[str, Any] = pack["circumstances"][0]
    return item


def _followup(pack: Pack) -> dict[str, Any]:
    section: dict[str, Any] = pack["followup"]
    return section


def _steps(pack: Pack) -> dict[str, Any]:
    steps: dict[str, Any] = pack["adjustment"]["step_names"]
    return steps


def _impact(pack: Pack) -> dict[str, Any]:
    periods: dict[str, Any] = pack["followup"]["impact_periods"]
    return periods


def _health(pack: Pack) -> dict[str, Any]:
    trigger: dict[str, Any] = _item(pack, "IM-2022/6(19)")["trigger"]
    return trigger


def _talk(pack: Pack) -> dict[str, Any]:
    section: dict[str, Any] = pack["talk"]
    return section


def _talk_row(pack: Pack) -> dict[str, Any]:
    row: dict[str, Any] = pack["talk"]["by_role"]["unit_staff"]
    return row


def _duplicate_code(pack: Pack) -> None:
    pack["circumstances"][1]["code"] = pack["circumstances"][0]["code"]


def _outcome_for_unknown_item(pack: Pack) -> None:
    pack["adjustment"]["fixed_outcomes"].append(
        {"circumstance": "IM-2022/6(99)", "methods": ["removal"], "citation": "IM 6(99)", "summary_zh": "x"}
    )


@pytest.mark.parametrize(
    ("mutate", "field", "problem"),
    [
        # A comparator contradicting the document's counting word (SPEC §3) is refused.
        (_set(_im_ballot, "comparator", "<="), f"{BALLOT}.comparator", "达不到"),
        (_set(_im_ballot, "threshold", "0.6667"), f"{BALLOT}.threshold", "exact fraction"),
        (_set(_im_ballot, "threshold", 0.5), f"{BALLOT}.threshold", "exact fraction"),
        (_set(_im_ballot, "feed", "gossip"), f"{BALLOT}.feed", "not declared"),
        (_set(_im_ballot, "feed", "annual_assessment"), f"{BALLOT}.feed", "grade feed"),
        (_set(_im_ballot, "options", ["superb"]), f"{BALLOT}.options", "superb"),
        (_set(_im_ballot, "roles", ["unit_head"]), f"{BALLOT}.roles", "applies_to"),
        (_set(_im_ballot, "threshhold", "2/3"), f"{BALLOT}.threshhold", "unknown field"),
        (_set(_im_ballot, "type", "vibes"), f"{BALLOT}.type", "must be one of"),
        (_set(_health, "length", {"years": 1, "months": 2}), HEALTH_LENGTH, "exactly one"),
        (_set(_first_item, "kind", "quantitative"), "circumstances[0].trigger", "needs a trigger"),
        (_set(_first_item, "nature", "harsh"), "circumstances[0].nature", "must be one of"),
        (_set(_first_item, "code", "LG-2020/6(1)"), "circumstances[0].code", "start with IM-2022/"),
        (_drop(_first_item, "summary_zh"), "circumstances[0].summary_zh", "required"),
        (_duplicate_code, "circumstances", "unique"),
        (_set(_root, "version", 2), "pack_id", "IM-2022.v2.json"),
        (_set(_root, "colour", "red"), "colour", "unknown field"),
        (_drop(_steps, "formalities"), "adjustment.step_names.formalities", "required"),
        (_outcome_for_unknown_item, "adjustment.fixed_outcomes[0].circumstance", "6(99)"),
        (_set(_impact, "resignation", ONE_YEAR), "followup.impact_periods.resignation", "method"),
        (_set(_followup, "care_talk_interval_days", True), CARE_DAYS, "integer"),
        (_set(_root, "early_sign_measures", []), "early_sign_measures", "at least one measure"),
        # Every item and rule carries its citation in the one shared form.
        (_set(_first_item, "citation", "IM-2022 art. 6(1)"), "circumstances[0].citation", "'IM 6(1)'"),
        (_set(_first_item, "citation", "IM 6(2)"), "circumstances[0].citation", "'IM 6(1)'"),
        (_set(_talk, "citation", "art. 20"), "talk.citation", "shared form"),
        (_set(_talk_row, "talkers", ["the_janitor"]), "talk.by_role.unit_staff.talkers", "the_janitor"),
        (_set(_root, "decision", {"quorum": {"share": "2/3", "word": "超过", "comparator": ">="},
                                  "majority": {"share": "1/2", "word": "超过", "comparator": ">"},
                                  "citation": "IM 18", "source": "x"}),
         "decision.quorum.comparator", "超过 means >"),
        (_set(_first_item, "equivalent_to", ["IM-2022/6(2)"]), "circumstances[0].equivalent_to",
         "another pack"),
        (_set(_root, "fault_tolerance", {"citation": "IM 99", "clocks": {"coffee_break": {
            "length": {"days": 1}, "citation": "IM 99"}}}), "fault_tolerance.clocks.coffee_break",
         "not a fault-tolerance clock"),
        (_set(_root, "fault_tolerance", {"citation": "IM 99", "clocks": {}, "correction": {
            "notice": {"length": {"working_days": 5}, "citation": "IM 99"},
            "rectification": {"usual_months": 5, "max_months": 4, "citation": "IM 99"}}}),
         "fault_tolerance.correction.rectification.usual_months", "max_months"),
        (_set(_root, "effective_from", "1 January 2027"), "effective_from", "ISO date"),
    ],
)
def test_a_malformed_pack_names_its_file_and_field(
    tmp_path: Path, mutate: Callable[[Pack], None], field: str, problem: str
) -> None:
    pack = shipped("IM-2022")
    mutate(pack)
    path = write(tmp_path, pack, "IM-2022.v1.json")
    with pytest.raises(PackFormatError) as caught:
        load_packs(tmp_path)
    assert caught.value.file == str(path)
    assert caught.value.field == field
    assert problem in str(caught.value)
    assert str(path) in str(caught.value)


def test_invalid_json_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "IM-2022.v1.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(PackFormatError, match="IM-2022.v1.json.*cannot read JSON"):
        load_packs(tmp_path)


def test_a_bad_file_stops_the_whole_load(tmp_path: Path) -> None:
    write(tmp_path, shipped("WY-2019"))
    broken = shipped("LG-2020")
    broken["circumstances"][5]["trigger"]["periods"] = 0
    write(tmp_path, broken)
    with pytest.raises(
        PackFormatError, match="LG-2020.v1.json.*circumstances\\[5\\].trigger.periods"
    ):
        load_packs(tmp_path)
