"""The shipped packs say what the documents say (SPEC §3, §4.2, §5.2, §6)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from shared.policy import (
    STEP_KEYS,
    Length,
    PackRegistry,
    Trigger,
    UnknownCircumstanceError,
    UnknownPackError,
    load_packs,
)
from shared.policy.counting_words import COUNTING_WORDS, compare


@pytest.fixture(scope="module")
def registry() -> PackRegistry:
    return load_packs()


def _numbered(article: int, items: int) -> list[str]:
    return [f"{article}({n})" for n in range(1, items + 1)]


EXPECTED_ITEMS = {
    # IM art. 6: twenty items.
    "IM-2022": _numbered(6, 20),
    # LG art. 7 (5 items), 8 (9), 9 (7), 10 (5); art. 11 is one unnumbered item.
    "LG-2020": _numbered(7, 5) + _numbered(8, 9) + _numbered(9, 7) + _numbered(10, 5) + ["11"],
    # WY art. 7 (6), 8 (6), 9 ((一)1-3, (二)1-3, (三)1-2, (四), (五)), 10 (6), 11 (3), 12 (4), 13.
    "WY-2019": _numbered(7, 6)
    + _numbered(8, 6)
    + ["9(1)1", "9(1)2", "9(1)3", "9(2)1", "9(2)2", "9(2)3", "9(3)1", "9(3)2", "9(4)", "9(5)"]
    + _numbered(10, 6)
    + _numbered(11, 3)
    + _numbered(12, 4)
    + ["13"],
}

EXPECTED_QUANTITATIVE = {
    "IM-2022": {"6(14)", "6(15)", "6(19)"},
    "LG-2020": {"8(1)", "8(2)", "8(3)", "8(4)", "8(5)", "8(6)", "8(7)", "8(8)", "8(9)"}
    | {"9(5)", "9(6)"},
    "WY-2019": {"7(3)", "8(1)", "8(2)", "8(3)", "8(4)", "8(5)", "8(6)"}
    | {"9(1)1", "9(1)2", "9(1)3", "9(2)2", "9(3)1", "9(3)2", "9(4)", "9(5)"}
    | {"10(2)", "10(3)", "10(4)", "10(5)", "11(3)", "12(4)", "13"},
}


def test_the_three_packs_load(registry: PackRegistry) -> None:
    assert [(p.pack_id, p.version) for p in registry.list()] == [
        ("IM-2022", 1),
        ("LG-2020", 1),
        ("WY-2019", 1),
    ]


@pytest.mark.parametrize("pack_id", sorted(EXPECTED_ITEMS))
def test_every_numbered_item_is_in_the_catalogue_in_order(
    registry: PackRegistry, pack_id: str
) -> None:
    pack = registry.get(pack_id)
    expected = [f"{pack_id}/{suffix}" for suffix in EXPECTED_ITEMS[pack_id]]
    assert [c.code for c in pack.circumstances] == expected
    assert all(c.article == "art. " + c.code.split("/")[1] for c in pack.circumstances)
    assert all(c.summary_zh and c.name_en and c.applies_to for c in pack.circumstances)


def test_catalogue_sizes(registry: PackRegistry) -> None:
    sizes = {p.pack_id: len(p.circumstances) for p in registry.list()}
    assert sizes == {"IM-2022": 20, "LG-2020": 27, "WY-2019": 36}


@pytest.mark.parametrize("pack_id", sorted(EXPECTED_QUANTITATIVE))
def test_quantitative_items_are_exactly_those_with_thresholds_in_the_text(
    registry: PackRegistry, pack_id: str
) -> None:
    pack = registry.get(pack_id)
    codes = {c.code.split("/")[1] for c in pack.quantitative()}
    assert codes == EXPECTED_QUANTITATIVE[pack_id]
    for item in pack.circumstances:
        assert (item.trigger is not None) == item.quantitative, item.code


def _leaf(trigger: Trigger | None, label: str) -> Trigger:
    assert trigger is not None
    (leaf,) = [t for t in trigger.leaves() if t.label == label]
    return leaf


@pytest.mark.parametrize(
    ("code", "label", "comparator", "threshold"),
    [
        ("IM-2022/6(14)", "excellent_and_competent_votes_below_two_thirds", "<", "2/3"),
        ("LG-2020/8(3)", "incompetent_votes_over_one_third", ">", "1/3"),
        ("LG-2020/8(5)", "votes_against_confirmation_reach_one_third", ">=", "1/3"),
        ("LG-2020/8(6)", "votes_against_renewal_reach_one_third", ">=", "1/3"),
        (
            "WY-2019/8(3)",
            "basically_competent_and_incompetent_votes_30_percent_or_more",
            ">=",
            "3/10",
        ),
        ("WY-2019/11(3)", "team_average_and_poor_30_percent_or_more", ">=", "3/10"),
        ("WY-2019/11(3)", "member_incompetent_over_15_percent", ">", "3/20"),
        ("WY-2019/9(5)", "output_growth_below_10_percent", "<", "1/10"),
        ("WY-2019/10(2)", "three_or_more_ordinary", ">=", "3"),
        ("WY-2019/10(3)", "two_level_3_or_above", ">=", "2"),
    ],
)
def test_thresholds_are_exact_fractions_with_the_documents_comparator(
    registry: PackRegistry, code: str, label: str, comparator: str, threshold: str
) -> None:
    leaf = _leaf(registry.item(code).trigger, label)
    assert leaf.comparator == comparator
    assert isinstance(leaf.threshold, Fraction) and leaf.threshold == Fraction(threshold)


@pytest.mark.parametrize(
    ("code", "label", "comparator", "length"),
    [
        ("IM-2022/6(19)", "health_incapacity_one_year_or_more", ">=", Length(years=1)),
        ("WY-2019/12(4)", "unsanctioned_study_leave_over_one_year", ">", Length(years=1)),
        ("WY-2019/12(4)", "private_secondment_three_months_or_more", ">=", Length(months=3)),
    ],
)
def test_durations_keep_inclusive_and_exclusive_words_apart(
    registry: PackRegistry, code: str, label: str, comparator: str, length: Length
) -> None:
    leaf = _leaf(registry.item(code).trigger, label)
    assert (leaf.comparator, leaf.length) == (comparator, length)


@pytest.mark.parametrize("word", ["以上", "以下", "以内", "达", "达到", "及以上"])
def test_inclusive_counting_words_hold_at_the_bound(word: str) -> None:
    bound = Fraction(1, 3)
    assert compare(bound, COUNTING_WORDS[word], bound)


@pytest.mark.parametrize("word", ["超过", "不满", "达不到", "低于"])
def test_exclusive_counting_words_fail_at_the_bound(word: str) -> None:
    bound = Fraction(2, 3)
    assert not compare(bound, COUNTING_WORDS[word], bound)


def test_every_counting_word_in_the_packs_matches_its_comparator(registry: PackRegistry) -> None:
    words = [
        (item.code, leaf.word, leaf.comparator)
        for pack in registry.list()
        for item in pack.quantitative()
        if item.trigger is not None
        for leaf in item.trigger.leaves()
        if leaf.word
    ]
    assert len(words) >= 12
    assert all(COUNTING_WORDS[word] == comparator for _, word, comparator in words), words


SPEC_METHODS = {
    "IM-2022": ["lateral_move", "transfer_to_rank_post", "removal", "demotion", "early_retirement"],
    "LG-2020": ["move_from_post", "removal", "resignation_taking_responsibility"]
    + ["ordered_resignation", "demotion"],
    "WY-2019": ["move_from_post", "change_to_non_leadership", "removal", "demotion"],
}


@pytest.mark.parametrize(("pack_id", "methods"), sorted(SPEC_METHODS.items()))
def test_methods_are_the_documents_catalogue(
    registry: PackRegistry, pack_id: str, methods: list[str]
) -> None:
    adjustment = registry.get(pack_id).adjustment
    assert [m.key for m in adjustment.methods] == methods
    for method in adjustment.methods:
        assert tuple(method.step_names) == STEP_KEYS
        assert method.nature in {"punitive", "considerate"}
    assert adjustment.method("removal").name_zh == "免职"
    assert adjustment.method("demotion").nature == "punitive"


def test_step_labels_are_the_packs_own_words(registry: PackRegistry) -> None:
    labels = {p.pack_id: tuple(p.adjustment.step_names.values()) for p in registry.list()}
    assert labels["IM-2022"] == ("核实认定", "提出建议", "组织决定", "谈话", "履行任免程序")
    assert labels["LG-2020"][:4] == ("考察核实", "提出建议", "组织决定", "谈话")
    assert labels["WY-2019"] == (
        "摸底报告、考察核实",
        "报批确认",
        "组织决定",
        "谈心谈话",
        "启动任免程序",
    )


def test_wy_fixed_outcomes(registry: PackRegistry) -> None:
    adjustment = registry.get("WY-2019").adjustment
    assert [o.methods for o in adjustment.outcomes_for("WY-2019/13")] == [("removal",)]
    assert [o.methods for o in adjustment.outcomes_for("WY-2019/9(3)1")] == [
        ("change_to_non_leadership",)
    ]
    assert [o.methods for o in adjustment.outcomes_for("WY-2019/9(3)2")] == [
        ("demotion", "removal")
    ]


def test_lg_fixed_outcomes_name_their_branch(registry: PackRegistry) -> None:
    outcomes = registry.get("LG-2020").adjustment.outcomes_for("LG-2020/8(8)")
    assert {(o.branch, o.outcome) for o in outcomes} == {
        ("promotion_wait_extended", "promotion_wait_extended_one_year"),
        ("dismissal", "dismissal_under_law"),
    }


@pytest.mark.parametrize(
    ("pack_id", "expected"),
    [
        (
            "LG-2020",
            {
                "move_from_post": (Length(years=1), "promotion"),
                "removal": (Length(years=1), "promotion"),
                "resignation_taking_responsibility": (Length(years=2), "above_former_level"),
                "ordered_resignation": (Length(years=2), "above_former_level"),
                "demotion": (Length(years=2), "promotion"),
            },
        ),
        (
            "WY-2019",
            {
                "move_from_post": (Length(years=1), "promotion"),
                "change_to_non_leadership": (Length(years=1), "promotion"),
                "removal": (Length(years=1), "promotion"),
                "demotion": (Length(years=2), "promotion"),
            },
        ),
        (
            "IM-2022",
            {
                "lateral_move": (Length(years=1), "promotion"),
                "transfer_to_rank_post": (Length(years=1), "promotion"),
                "removal": (Length(years=1), "promotion"),
                "demotion": (Length(years=2), "promotion"),
            },
        ),
    ],
)
def test_impact_periods(
    registry: PackRegistry, pack_id: str, expected: dict[str, tuple[Length, str]]
) -> None:
    periods = registry.get(pack_id).followup.impact_periods
    assert {m: (p.length, p.bar) for m, p in periods.items()} == expected


def test_followup_specifics(registry: PackRegistry) -> None:
    im, lg, wy = (registry.get(p).followup for p in ("IM-2022", "LG-2020", "WY-2019"))
    assert all(p.source == "pack default, not in IM-2022 text" for p in im.impact_periods.values())
    assert [(c.case, c.bar) for c in lg.consequences] == [
        ("early_retirement_personal_reasons", "former_post_benefits")
    ]
    assert wy.reinstatement_requires_upper_consultation
    assert not lg.reinstatement_requires_upper_consultation
    for followup in (im, lg, wy):
        assert followup.care_talk_interval_days == 90
        assert followup.recheck_interval_days == 180
        assert (followup.reinstatement_bar.min_grade, followup.reinstatement_bar.assessments) == (
            "competent",
            1,
        )


def test_early_sign_measures_are_each_jurisdictions_own(registry: PackRegistry) -> None:
    im_14 = [
        ("reminder", "提醒", "IM 14"),
        ("talk", "谈话", "IM 14"),
        ("letter_of_inquiry", "函询", "IM 14"),
        ("criticism_education", "批评教育", "IM 14"),
        ("ordered_self_examination", "责令检查", "IM 14"),
        ("admonishment", "诫勉", "IM 14"),
    ]
    for pack_id in ("IM-2022", "LG-2020"):
        measures = registry.get(pack_id).early_sign_measures
        assert [(m.key, m.name_zh, m.citation) for m in measures] == im_14
    # WY 11(1): 提醒、教育、函询、诫勉.
    assert [(m.key, m.name_zh, m.citation) for m in registry.get("WY-2019").early_sign_measures] == [
        ("reminder", "提醒", "WY 11(1)"),
        ("education", "教育", "WY 11(1)"),
        ("letter_of_inquiry", "函询", "WY 11(1)"),
        ("admonishment", "诫勉", "WY 11(1)"),
    ]


def test_natures_follow_im_24(registry: PackRegistry) -> None:
    im = registry.get("IM-2022")
    assert im.item("IM-2022/6(19)").nature == "considerate"  # health
    assert im.item("IM-2022/6(1)").nature == "punitive"  # political
    assert im.item("IM-2022/6(12)").nature == "punitive"  # morals


def test_registry_lookups_and_errors(registry: PackRegistry) -> None:
    assert registry.get("WY-2019") is registry.get("WY-2019", 1)
    assert registry.item("WY-2019/13").applies_to == ("unit_head",)
    with pytest.raises(UnknownPackError, match="XX-2000"):
        registry.get("XX-2000")
    with pytest.raises(UnknownPackError, match="v7"):
        registry.get("WY-2019", 7)
    with pytest.raises(UnknownCircumstanceError, match="6\\(21\\)"):
        registry.item("IM-2022/6(21)")
    with pytest.raises(UnknownCircumstanceError):
        registry.item("XX-2000/1")
    lg = registry.get("LG-2020")
    assert lg.incentive("LG-2020/incentive-9(3)").applies_to == ("cadre",)
    with pytest.raises(UnknownCircumstanceError):
        lg.incentive("LG-2020/8(4)")
    for error in (UnknownPackError, UnknownCircumstanceError):
        assert error.__doc__ and "\n" not in error.__doc__.strip()
