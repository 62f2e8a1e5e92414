"""Engine behaviour beyond single boundaries: figures, runs, subjects, combinators, purity."""

from __future__ import annotations

import ast
import dataclasses
import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from services.identification.domain import rules
from services.identification.domain.rules import (
    Absence,
    Ballot,
    ConflictingFactsError,
    Facts,
    Grade,
    Measure,
    Rank,
    UnknownTriggerTypeError,
    evaluate,
)
from shared.policy import PackRegistry, PolicyPack, load_packs

BC = "basically_competent"


@pytest.fixture(scope="module")
def registry() -> PackRegistry:
    return load_packs()


def hits_for(pack: PolicyPack, facts: Facts, code: str) -> list[rules.Hit]:
    return [h for h in evaluate(pack, facts) if h.code == code]


def test_vote_share_figures_are_exact_fraction_strings(registry: PackRegistry) -> None:
    facts = Facts(
        ballots=(
            Ballot.of(
                "c1", 2023, "democratic_evaluation", excellent=150, competent=49, incompetent=101
            ),
        )
    )
    (hit,) = hits_for(registry.get("IM-2022"), facts, "IM-2022/6(14)")
    assert dict(hit.figures) == {
        "period": 2023,
        "votes": 199,
        "valid_votes": 300,
        "share": "199/300",
        "feed": "democratic_evaluation",
        "counted": ("excellent", "competent"),
        "comparator": "<",
        "word": "达不到",
        "threshold": "2/3",
    }
    assert hit.subject == rules.Subject("c1", "cadre", ("cadre",))
    assert (hit.pack_id, hit.pack_version, hit.period) == ("IM-2022", 1, 2023)


def test_a_hit_serialises_to_plain_json(registry: PackRegistry) -> None:
    facts = Facts(
        grades=(
            Grade("c1", 2022, "annual_assessment", BC),
            Grade("c1", 2023, "annual_assessment", BC),
        )
    )
    (hit,) = hits_for(registry.get("WY-2019"), facts, "WY-2019/8(4)")
    record = json.loads(json.dumps(hit.as_dict()))
    assert record["code"] == "WY-2019/8(4)" and record["pack_version"] == 1
    assert record["subject"] == {"id": "c1", "kind": "cadre", "roles": ["cadre"]}
    assert record["figures"]["periods"] == [2022, 2023]
    assert hit.key == ("WY-2019/8(4)", "basically_competent_two_consecutive_years", "c1", 2023, "")


def test_two_of_three_votes_is_exactly_two_thirds_not_a_float(registry: PackRegistry) -> None:
    # 2/3 as a float is 0.666…; exact arithmetic must treat 2 of 3 as the bound itself.
    facts = Facts(
        ballots=(Ballot.of("c1", 2023, "democratic_evaluation", excellent=2, incompetent=1),)
    )
    assert hits_for(registry.get("IM-2022"), facts, "IM-2022/6(14)") == []
    facts = Facts(
        ballots=(Ballot.of("c1", 2023, "probation_confirmation", in_favour=2, against=1),)
    )
    (hit,) = hits_for(registry.get("LG-2020"), facts, "LG-2020/8(5)")
    assert hit.figures["share"] == "1/3"


def test_a_ballot_without_valid_votes_answers_nothing(registry: PackRegistry) -> None:
    facts = Facts(ballots=(Ballot.of("c1", 2023, "democratic_evaluation", excellent=0),))
    assert evaluate(registry.get("WY-2019"), facts) == []


def test_a_three_year_run_closes_two_windows(registry: PackRegistry) -> None:
    facts = Facts(grades=tuple(Grade("c1", y, "annual_assessment", BC) for y in (2021, 2022, 2023)))
    hits = hits_for(registry.get("LG-2020"), facts, "LG-2020/8(4)")
    assert [(h.period, h.figures["periods"]) for h in hits] == [
        (2022, (2021, 2022)),
        (2023, (2022, 2023)),
    ]
    assert hits[0].figures["consecutive_required"] == 2
    assert hits[0].figures["grade"] == (BC, BC)


def test_consecutive_years_belong_to_one_subject(registry: PackRegistry) -> None:
    facts = Facts(
        grades=(
            Grade("c1", 2022, "annual_assessment", BC),
            Grade("c2", 2023, "annual_assessment", BC),
        )
    )
    assert hits_for(registry.get("WY-2019"), facts, "WY-2019/8(4)") == []


def test_unit_hits_name_the_branch_roles(registry: PackRegistry) -> None:
    facts = Facts(ranks=(Rank("town-3", 2023, "party_building_ranking", 9, 9),))
    (hit,) = hits_for(registry.get("WY-2019"), facts, "WY-2019/7(3)")
    assert hit.subject == rules.Subject("town-3", "unit", ("supervising_leader",))
    assert hit.branch == "last_this_year"
    assert dict(hit.figures) == {
        "period": 2023,
        "rank": 9,
        "of": 9,
        "place_from_bottom": 1,
        "feed": "party_building_ranking",
        "places_from_bottom": 1,
    }


def test_all_of_merges_branch_figures_under_their_labels(registry: PackRegistry) -> None:
    facts = Facts(
        measures=(
            Measure("u1", 2022, "private_enterprise_count_change", Fraction(-2)),
            Measure("u1", 2023, "private_enterprise_count_change", Fraction(-1)),
            Measure("u1", 2022, "private_enterprise_output_growth", Fraction("0.05")),
            Measure("u1", 2023, "private_enterprise_output_growth", Fraction(99, 1000)),
        )
    )
    (hit,) = hits_for(registry.get("WY-2019"), facts, "WY-2019/9(5)")
    assert hit.period == 2023
    assert hit.figures["output_growth_below_10_percent.value"] == ("1/20", "99/1000")
    assert hit.figures["output_growth_below_10_percent.threshold"] == "1/10"
    assert hit.figures["enterprise_count_falling.value"] == ("-2/1", "-1/1")


def test_absence_figures_show_the_civil_code_boundary(registry: PackRegistry) -> None:
    facts = Facts(
        absences=(Absence("c1", "health_incapacity", date(2024, 2, 29), end=date(2025, 6, 1)),)
    )
    (hit,) = hits_for(registry.get("IM-2022"), facts, "IM-2022/6(19)")
    assert hit.period == 2025
    assert hit.figures["period_end"] == "2025-02-28"
    assert hit.figures["held_from"] == "2025-02-28"
    assert hit.figures["length"] == "1 year"


def test_over_one_year_holds_from_the_day_after_the_boundary(registry: PackRegistry) -> None:
    facts = Facts(
        absences=(Absence("c1", "unsanctioned_study_leave", date(2023, 12, 31), days=367),)
    )
    (hit,) = hits_for(registry.get("WY-2019"), facts, "WY-2019/12(4)")
    assert hit.figures["period_end"] == "2024-12-31"
    assert hit.figures["held_from"] == "2025-01-01"
    assert hit.period == 2025


def test_resent_facts_collapse_but_contradictions_are_refused(registry: PackRegistry) -> None:
    grade = Grade("c1", 2023, "annual_assessment", "incompetent")
    facts = Facts(grades=(grade, grade))
    assert len(hits_for(registry.get("LG-2020"), facts, "LG-2020/8(4)")) == 1
    conflicting = Facts(grades=(grade, dataclasses.replace(grade, grade="competent")))
    with pytest.raises(ConflictingFactsError, match="c1"):
        evaluate(registry.get("LG-2020"), conflicting)


def test_evaluation_is_deterministic_and_touches_only_the_pack_given(
    registry: PackRegistry,
) -> None:
    facts = Facts(
        grades=(Grade("c1", 2023, "annual_assessment", "incompetent"),),
        ranks=(Rank("u1", 2023, "party_building_ranking", 5, 5),),
    )
    first = evaluate(registry.get("WY-2019"), facts)
    assert first == evaluate(registry.get("WY-2019"), facts)
    assert {h.code for h in first} == {"WY-2019/8(4)", "WY-2019/7(3)"}
    assert {h.code for h in evaluate(registry.get("IM-2022"), facts)} == {"IM-2022/6(14)"}


def test_a_pack_with_an_unknown_trigger_type_is_refused(registry: PackRegistry) -> None:
    pack = registry.get("IM-2022")
    item = pack.item("IM-2022/6(15)")
    assert item.trigger is not None
    bogus = dataclasses.replace(item, trigger=dataclasses.replace(item.trigger, type="vibes"))
    pack = dataclasses.replace(
        pack, circumstances=tuple(bogus if c is item else c for c in pack.circumstances)
    )
    with pytest.raises(UnknownTriggerTypeError, match="vibes"):
        evaluate(pack, Facts())


def test_facts_reject_inexact_or_impossible_values() -> None:
    with pytest.raises(TypeError):
        Measure("u1", 2023, "private_enterprise_output_growth", 0.1)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Rank("u1", 2023, "party_building_ranking", 10, 9)
    with pytest.raises(ValueError):
        Absence("c1", "health_incapacity", date(2024, 1, 1))
    with pytest.raises(ValueError):
        Absence("c1", "health_incapacity", date(2024, 1, 1), end=date(2023, 1, 1))
    with pytest.raises(ValueError):
        Ballot("c1", 2023, "democratic_evaluation", (("excellent", 1), ("excellent", 2)))


def test_rule_modules_import_only_the_stdlib_and_pure_project_modules() -> None:
    allowed_roots = {
        "__future__",
        "collections",
        "dataclasses",
        "datetime",
        "fractions",
        "types",
        "typing",
    }
    allowed_project = {"shared.policy", "shared.calendar.periods", "services.identification"}
    package_dir = Path(rules.__file__).parent
    for module in package_dir.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                ok = name.split(".")[0] in allowed_roots or name.startswith(tuple(allowed_project))
                assert ok, f"{module.name} imports {name}"
        source = module.read_text(encoding="utf-8")
        for forbidden in ("open(", ".now(", ".today(", "import os", "time.time"):
            assert forbidden not in source, f"{module.name} uses {forbidden}"
