"""Every quantitative item of every shipped pack, at its boundary and on each side of it.

The table below is the specification in executable form: each row is one set of feed facts and
whether the item (and which branch of it) must fire. The last tests check that the table covers
every quantitative item and every branch, so a new item in a pack fails the suite until it is
given boundary cases here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

import pytest

from services.identification.domain.rules import (
    UNDERSTOOD_TYPES,
    Absence,
    Ballot,
    Facts,
    Flag,
    Grade,
    Incident,
    Measure,
    PostHeld,
    Rank,
    evaluate,
)
from shared.policy import PackRegistry, Trigger, load_packs


@dataclass(frozen=True)
class Case:
    code: str
    branch: str
    name: str
    facts: Facts
    fires: bool


# --- fact builders: one subject, a few periods --------------------------------------------


def grades(feed: str, by_year: dict[int, str], subject: str = "c1") -> Facts:
    return Facts(grades=tuple(Grade(subject, y, feed, g) for y, g in by_year.items()))


def votes(feed: str, subject: str = "c1", **counts: int) -> Facts:
    return Facts(ballots=(Ballot.of(subject, 2023, feed, **counts),))


def last_places(feed: str, places: dict[int, int], of: int = 12, indicator: str = "") -> Facts:
    """`places` maps period -> place from the bottom (1 = last)."""
    return Facts(
        ranks=tuple(Rank("u1", p, feed, of - pl + 1, of, indicator) for p, pl in places.items())
    )


def incidents(feed: str, *entries: tuple[int, str, int]) -> Facts:
    return Facts(incidents=tuple(Incident("u1", y, feed, sev, n) for y, sev, n in entries))


def flags(feed: str, *years: int) -> Facts:
    return Facts(flags=tuple(Flag("u1", y, feed) for y in years))


def absence(feed: str, start: date, end: date | None = None, days: int | None = None) -> Facts:
    return Facts(absences=(Absence("c1", feed, start, end=end, days=days),))


def both(*parts: Facts) -> Facts:
    return Facts(
        grades=sum((p.grades for p in parts), ()),
        ballots=sum((p.ballots for p in parts), ()),
        ranks=sum((p.ranks for p in parts), ()),
        incidents=sum((p.incidents for p in parts), ()),
        flags=sum((p.flags for p in parts), ()),
        measures=sum((p.measures for p in parts), ()),
        absences=sum((p.absences for p in parts), ()),
        posts=sum((p.posts for p in parts), ()),
    )


def enterprise(count_change: dict[int, int], growth: dict[int, str]) -> Facts:
    return Facts(
        measures=tuple(
            Measure("u1", y, "private_enterprise_count_change", Fraction(v))
            for y, v in count_change.items()
        )
        + tuple(
            Measure("u1", y, "private_enterprise_output_growth", Fraction(v))
            for y, v in growth.items()
        )
    )


AA = "annual_assessment"
DE = "democratic_evaluation"
BC = "basically_competent"


def annual_grade_cases(code: str) -> list[Case]:
    """IM 6(14), LG 8(4), WY 8(4): incompetent once, or basically competent two adjacent years."""
    two = "basically_competent_two_consecutive_years"
    return [
        Case(code, "incompetent", "incompetent", grades(AA, {2023: "incompetent"}), True),
        Case(code, "incompetent", "basically competent once", grades(AA, {2023: BC}), False),
        Case(code, two, "2022+2023 adjacent", grades(AA, {2022: BC, 2023: BC}), True),
        Case(code, two, "2021+2023 not adjacent", grades(AA, {2021: BC, 2023: BC}), False),
        Case(code, two, "one year only", grades(AA, {2022: "competent", 2023: BC}), False),
    ]


IM = "IM-2022/"
LG = "LG-2020/"
WY = "WY-2019/"
EC = "excellent_and_competent_votes_below_two_thirds"
HEALTH = "health_incapacity_one_year_or_more"
STUDY = "unsanctioned_study_leave_over_one_year"
SECOND = "private_secondment_three_months_or_more"

CASES: list[Case] = [
    # IM 6(14): 民主测评优秀和称职得票率达不到三分之二 — strictly below 2/3 fires.
    *annual_grade_cases(IM + "6(14)"),
    Case(
        IM + "6(14)",
        EC,
        "199/300 just below",
        votes(DE, excellent=150, competent=49, incompetent=101),
        True,
    ),
    Case(
        IM + "6(14)",
        EC,
        "exactly 2/3 (6 of 9)",
        votes(DE, excellent=4, competent=2, basically_competent=3),
        False,
    ),
    Case(
        IM + "6(14)",
        EC,
        "201/300 just above",
        votes(DE, excellent=200, competent=1, incompetent=99),
        False,
    ),
    # IM 6(15): review rating 差.
    Case(
        IM + "6(15)",
        "party_building_review_rated_poor",
        "rated poor",
        grades("party_building_review_rating", {2023: "poor"}),
        True,
    ),
    Case(
        IM + "6(15)",
        "party_building_review_rated_poor",
        "rated average",
        grades("party_building_review_rating", {2023: "average"}),
        False,
    ),
    # IM 6(19): 1年以上 includes exactly one year (Civil Code: start day not counted).
    Case(
        IM + "6(19)",
        HEALTH,
        "one day short",
        absence("health_incapacity", date(2023, 3, 10), date(2024, 3, 9)),
        False,
    ),
    Case(
        IM + "6(19)",
        HEALTH,
        "exactly one year",
        absence("health_incapacity", date(2023, 3, 10), date(2024, 3, 10)),
        True,
    ),
    Case(
        IM + "6(19)",
        HEALTH,
        "a day over",
        absence("health_incapacity", date(2023, 3, 10), date(2024, 3, 11)),
        True,
    ),
    Case(
        IM + "6(19)",
        HEALTH,
        "from 29 Feb: ends 28 Feb",
        absence("health_incapacity", date(2024, 2, 29), date(2025, 2, 28)),
        True,
    ),
    Case(
        IM + "6(19)",
        HEALTH,
        "from 29 Feb: 27 Feb short",
        absence("health_incapacity", date(2024, 2, 29), date(2025, 2, 27)),
        False,
    ),
    Case(
        IM + "6(19)",
        HEALTH,
        "365 days over a leap day",
        absence("health_incapacity", date(2023, 3, 10), days=365),
        False,
    ),
    Case(
        IM + "6(19)",
        HEALTH,
        "366 days over a leap day",
        absence("health_incapacity", date(2023, 3, 10), days=366),
        True,
    ),
    # LG 8(1): 连续2年第四等次.
    Case(
        LG + "8(1)",
        "fourth_tier_two_consecutive_years",
        "2022+2023",
        grades("jiangyin_unit_assessment", {2022: "fourth_tier", 2023: "fourth_tier"}, "u1"),
        True,
    ),
    Case(
        LG + "8(1)",
        "fourth_tier_two_consecutive_years",
        "2021+2023",
        grades("jiangyin_unit_assessment", {2021: "fourth_tier", 2023: "fourth_tier"}, "u1"),
        False,
    ),
    Case(
        LG + "8(1)",
        "fourth_tier_two_consecutive_years",
        "third then fourth",
        grades("jiangyin_unit_assessment", {2022: "third_tier", 2023: "fourth_tier"}, "u1"),
        False,
    ),
    # LG 8(2): 连续2年最后一名.
    Case(
        LG + "8(2)",
        "last_two_consecutive_years",
        "last twice",
        last_places("integrated_performance_ranking", {2022: 1, 2023: 1}),
        True,
    ),
    Case(
        LG + "8(2)",
        "last_two_consecutive_years",
        "second-last once",
        last_places("integrated_performance_ranking", {2022: 1, 2023: 2}),
        False,
    ),
    Case(
        LG + "8(2)",
        "last_two_consecutive_years",
        "last, gap year",
        last_places("integrated_performance_ranking", {2021: 1, 2023: 1}),
        False,
    ),
    # LG 8(3): 不称职得票率超过三分之一 — exactly 1/3 does not fire.
    Case(
        LG + "8(3)",
        "incompetent_votes_over_one_third",
        "exactly 1/3",
        votes(DE, competent=6, incompetent=3),
        False,
    ),
    Case(
        LG + "8(3)",
        "incompetent_votes_over_one_third",
        "99/300 below",
        votes(DE, competent=201, incompetent=99),
        False,
    ),
    Case(
        LG + "8(3)",
        "incompetent_votes_over_one_third",
        "101/300 above",
        votes(DE, competent=199, incompetent=101),
        True,
    ),
    *annual_grade_cases(LG + "8(4)"),
    # LG 8(5), 8(6): 不同意票达三分之一 — exactly 1/3 fires; abstentions are valid votes.
    Case(
        LG + "8(5)",
        "votes_against_confirmation_reach_one_third",
        "exactly 1/3",
        votes("probation_confirmation", in_favour=6, against=3),
        True,
    ),
    Case(
        LG + "8(5)",
        "votes_against_confirmation_reach_one_third",
        "99/300 below",
        votes("probation_confirmation", in_favour=201, against=99),
        False,
    ),
    Case(
        LG + "8(5)",
        "votes_against_confirmation_reach_one_third",
        "101/300 above",
        votes("probation_confirmation", in_favour=199, against=101),
        True,
    ),
    Case(
        LG + "8(5)",
        "votes_against_confirmation_reach_one_third",
        "3 of 10 with an abstention",
        votes("probation_confirmation", in_favour=6, against=3, abstain=1),
        False,
    ),
    Case(
        LG + "8(6)",
        "votes_against_renewal_reach_one_third",
        "exactly 1/3",
        votes("appointment_renewal", in_favour=4, against=2),
        True,
    ),
    Case(
        LG + "8(6)",
        "votes_against_renewal_reach_one_third",
        "99/300 below",
        votes("appointment_renewal", in_favour=201, against=99),
        False,
    ),
    Case(
        LG + "8(6)",
        "votes_against_renewal_reach_one_third",
        "101/300 above",
        votes("appointment_renewal", in_favour=199, against=101),
        True,
    ),
    # LG 8(7): 聘任期满考核不合格.
    Case(
        LG + "8(7)",
        "term_assessment_unqualified",
        "unqualified",
        grades("soe_term_assessment", {2023: "unqualified"}),
        True,
    ),
    Case(
        LG + "8(7)",
        "term_assessment_unqualified",
        "qualified",
        grades("soe_term_assessment", {2023: "qualified"}),
        False,
    ),
    # LG 8(8): 基本合格等次及以下 (inclusive) adds a year; 连续2年不合格 -> dismissal.
    Case(
        LG + "8(8)",
        "promotion_wait_extended",
        "basically qualified",
        grades("enterprise_staff_assessment", {2023: "basically_qualified"}),
        True,
    ),
    Case(
        LG + "8(8)",
        "promotion_wait_extended",
        "qualified",
        grades("enterprise_staff_assessment", {2023: "qualified"}),
        False,
    ),
    Case(
        LG + "8(8)",
        "dismissal",
        "unqualified 2022+2023",
        grades("enterprise_staff_assessment", {2022: "unqualified", 2023: "unqualified"}),
        True,
    ),
    Case(
        LG + "8(8)",
        "dismissal",
        "unqualified 2021+2023",
        grades("enterprise_staff_assessment", {2021: "unqualified", 2023: "unqualified"}),
        False,
    ),
    Case(
        LG + "8(8)",
        "dismissal",
        "basically qualified then unqualified",
        grades("enterprise_staff_assessment", {2022: "basically_qualified", 2023: "unqualified"}),
        False,
    ),
    # LG 8(9): village last in town two consecutive years.
    Case(
        LG + "8(9)",
        "village_last_in_town_two_consecutive_years",
        "last twice",
        last_places("village_ranking_in_town", {2022: 1, 2023: 1}),
        True,
    ),
    Case(
        LG + "8(9)",
        "village_last_in_town_two_consecutive_years",
        "second-last once",
        last_places("village_ranking_in_town", {2022: 2, 2023: 1}),
        False,
    ),
    # LG 9(5): 重大安全生产责任事故 — one major or above; larger is below the bar.
    Case(
        LG + "9(5)",
        "major_accident",
        "one major",
        incidents("production_safety_accident", (2023, "major", 1)),
        True,
    ),
    Case(
        LG + "9(5)",
        "major_accident",
        "one especially major",
        incidents("production_safety_accident", (2023, "especially_major", 1)),
        True,
    ),
    Case(
        LG + "9(5)",
        "major_accident",
        "three larger",
        incidents("production_safety_accident", (2023, "larger", 3)),
        False,
    ),
    # LG 9(6): especially major two consecutive years, or 多起 (>= 2) major in one year.
    Case(
        LG + "9(6)",
        "especially_major_two_consecutive_years",
        "2022+2023",
        incidents(
            "mass_or_public_safety_incident",
            (2022, "especially_major", 1),
            (2023, "especially_major", 1),
        ),
        True,
    ),
    Case(
        LG + "9(6)",
        "especially_major_two_consecutive_years",
        "2021+2023",
        incidents(
            "mass_or_public_safety_incident",
            (2021, "especially_major", 1),
            (2023, "especially_major", 1),
        ),
        False,
    ),
    Case(
        LG + "9(6)",
        "several_major_in_one_year",
        "two in 2023",
        incidents("mass_or_public_safety_incident", (2023, "major", 2)),
        True,
    ),
    Case(
        LG + "9(6)",
        "several_major_in_one_year",
        "one in 2023",
        incidents("mass_or_public_safety_incident", (2023, "major", 1)),
        False,
    ),
    Case(
        LG + "9(6)",
        "several_major_in_one_year",
        "one each in 2022 and 2023",
        incidents("mass_or_public_safety_incident", (2022, "major", 1), (2023, "major", 1)),
        False,
    ),
    # WY 7(3): last this year -> supervising leader; last two consecutive years -> secretary.
    Case(
        WY + "7(3)",
        "last_this_year",
        "last in 2023",
        last_places("party_building_ranking", {2023: 1}),
        True,
    ),
    Case(
        WY + "7(3)",
        "last_this_year",
        "second-last in 2023",
        last_places("party_building_ranking", {2023: 2}),
        False,
    ),
    Case(
        WY + "7(3)",
        "last_two_consecutive_years",
        "last 2022+2023",
        last_places("party_building_ranking", {2022: 1, 2023: 1}),
        True,
    ),
    Case(
        WY + "7(3)",
        "last_two_consecutive_years",
        "last in 2023 only",
        last_places("party_building_ranking", {2022: 2, 2023: 1}),
        False,
    ),
    # WY 8(1): 较差 once, or 一般 two consecutive years.
    Case(
        WY + "8(1)",
        "poor",
        "poor",
        grades("target_responsibility_assessment", {2023: "poor"}, "u1"),
        True,
    ),
    Case(
        WY + "8(1)",
        "poor",
        "average",
        grades("target_responsibility_assessment", {2023: "average"}, "u1"),
        False,
    ),
    Case(
        WY + "8(1)",
        "average_two_consecutive_years",
        "2022+2023",
        grades("target_responsibility_assessment", {2022: "average", 2023: "average"}, "u1"),
        True,
    ),
    Case(
        WY + "8(1)",
        "average_two_consecutive_years",
        "2021+2023",
        grades("target_responsibility_assessment", {2021: "average", 2023: "average"}, "u1"),
        False,
    ),
    # WY 8(2): one-vote veto.
    Case(WY + "8(2)", "one_vote_veto", "vetoed", flags("one_vote_veto", 2023), True),
    Case(
        WY + "8(2)",
        "one_vote_veto",
        "another flag",
        flags("public_order_key_rectification", 2023),
        False,
    ),
    # WY 8(3): 基本称职和不称职得票率在30%以上 — exactly 30 % fires.
    Case(
        WY + "8(3)",
        "basically_competent_and_incompetent_votes_30_percent_or_more",
        "exactly 3/10",
        votes(DE, competent=7, basically_competent=2, incompetent=1),
        True,
    ),
    Case(
        WY + "8(3)",
        "basically_competent_and_incompetent_votes_30_percent_or_more",
        "299/1000",
        votes(DE, competent=701, basically_competent=299),
        False,
    ),
    Case(
        WY + "8(3)",
        "basically_competent_and_incompetent_votes_30_percent_or_more",
        "301/1000",
        votes(DE, competent=699, basically_competent=300, incompetent=1),
        True,
    ),
    *annual_grade_cases(WY + "8(4)"),
    # WY 8(5): portfolio (a cadre) or department in category (a unit) last two years.
    Case(
        WY + "8(5)",
        "town_portfolio_last_two_consecutive_years",
        "last twice",
        Facts(
            ranks=(
                Rank("c1", 2022, "town_portfolio_ranking", 5, 5),
                Rank("c1", 2023, "town_portfolio_ranking", 5, 5),
            )
        ),
        True,
    ),
    Case(
        WY + "8(5)",
        "town_portfolio_last_two_consecutive_years",
        "last once",
        Facts(
            ranks=(
                Rank("c1", 2022, "town_portfolio_ranking", 4, 5),
                Rank("c1", 2023, "town_portfolio_ranking", 5, 5),
            )
        ),
        False,
    ),
    Case(
        WY + "8(5)",
        "department_last_in_category_two_consecutive_years",
        "last twice",
        last_places("department_category_ranking", {2022: 1, 2023: 1}),
        True,
    ),
    Case(
        WY + "8(5)",
        "department_last_in_category_two_consecutive_years",
        "gap year",
        last_places("department_category_ranking", {2021: 1, 2023: 1}),
        False,
    ),
    # WY 8(6): city-wide evaluations last two years.
    Case(
        WY + "8(6)",
        "citywide_last_two_consecutive_years",
        "last twice",
        last_places("citywide_evaluation_ranking", {2022: 1, 2023: 1}),
        True,
    ),
    Case(
        WY + "8(6)",
        "citywide_last_two_consecutive_years",
        "last then second-last",
        last_places("citywide_evaluation_ranking", {2022: 1, 2023: 2}),
        False,
    ),
    # WY 9(1)1: the same indicator last in the province two years.
    Case(
        WY + "9(1)1",
        "indicator_last_in_province_two_consecutive_years",
        "gdp last twice",
        last_places("county_monitoring_indicator_rank", {2022: 1, 2023: 1}, of=99, indicator="gdp"),
        True,
    ),
    Case(
        WY + "9(1)1",
        "indicator_last_in_province_two_consecutive_years",
        "different indicators",
        both(
            last_places("county_monitoring_indicator_rank", {2022: 1}, of=99, indicator="gdp"),
            last_places("county_monitoring_indicator_rank", {2023: 1}, of=99, indicator="revenue"),
        ),
        False,
    ),
    # WY 9(1)2: last in the city two years AND regressed in the county evaluation, same indicator.
    Case(
        WY + "9(1)2",
        "last_in_city_and_regressed",
        "last twice, fell 40->45",
        both(
            last_places(
                "city_key_economic_indicator_rank", {2022: 1, 2023: 1}, of=9, indicator="gdp"
            ),
            Facts(
                ranks=(
                    Rank("u1", 2022, "county_monitoring_indicator_rank", 40, 99, "gdp"),
                    Rank("u1", 2023, "county_monitoring_indicator_rank", 45, 99, "gdp"),
                )
            ),
        ),
        True,
    ),
    Case(
        WY + "9(1)2",
        "last_in_city_and_regressed",
        "last twice, held 40->40",
        both(
            last_places(
                "city_key_economic_indicator_rank", {2022: 1, 2023: 1}, of=9, indicator="gdp"
            ),
            Facts(
                ranks=(
                    Rank("u1", 2022, "county_monitoring_indicator_rank", 40, 99, "gdp"),
                    Rank("u1", 2023, "county_monitoring_indicator_rank", 40, 99, "gdp"),
                )
            ),
        ),
        False,
    ),
    Case(
        WY + "9(1)2",
        "last_in_city_and_regressed",
        "regressed, last once",
        both(
            last_places(
                "city_key_economic_indicator_rank", {2022: 2, 2023: 1}, of=9, indicator="gdp"
            ),
            Facts(
                ranks=(
                    Rank("u1", 2022, "county_monitoring_indicator_rank", 40, 99, "gdp"),
                    Rank("u1", 2023, "county_monitoring_indicator_rank", 45, 99, "gdp"),
                )
            ),
        ),
        False,
    ),
    Case(
        WY + "9(1)2",
        "last_in_city_and_regressed",
        "another indicator regressed",
        both(
            last_places(
                "city_key_economic_indicator_rank", {2022: 1, 2023: 1}, of=9, indicator="gdp"
            ),
            Facts(
                ranks=(
                    Rank("u1", 2022, "county_monitoring_indicator_rank", 40, 99, "revenue"),
                    Rank("u1", 2023, "county_monitoring_indicator_rank", 45, 99, "revenue"),
                )
            ),
        ),
        False,
    ),
    # WY 9(1)3.
    Case(
        WY + "9(1)3",
        "indicator_last_two_consecutive_years",
        "income last twice",
        last_places("district_key_indicator_rank", {2022: 1, 2023: 1}, indicator="income"),
        True,
    ),
    Case(
        WY + "9(1)3",
        "indicator_last_two_consecutive_years",
        "income last once",
        last_places("district_key_indicator_rank", {2023: 1}, indicator="income"),
        False,
    ),
    # WY 9(2)2: 差等次.
    Case(
        WY + "9(2)2",
        "poverty_alleviation_poor",
        "poor",
        grades("poverty_alleviation_assessment", {2023: "poor"}, "u1"),
        True,
    ),
    Case(
        WY + "9(2)2",
        "poverty_alleviation_poor",
        "average",
        grades("poverty_alleviation_assessment", {2023: "average"}, "u1"),
        False,
    ),
    # WY 9(3)1: 连续4次后10位 — tenth from the bottom is inside; 4 rounds needed.
    Case(
        WY + "9(3)1",
        "bottom_10_four_consecutive_times",
        "10th from bottom x4",
        last_places(
            "business_environment_indicator_rank",
            dict.fromkeys(range(1, 5), 10),
            of=108,
            indicator="permits",
        ),
        True,
    ),
    Case(
        WY + "9(3)1",
        "bottom_10_four_consecutive_times",
        "11th once in 4",
        last_places(
            "business_environment_indicator_rank",
            {1: 10, 2: 10, 3: 11, 4: 10},
            of=108,
            indicator="permits",
        ),
        False,
    ),
    Case(
        WY + "9(3)1",
        "bottom_10_four_consecutive_times",
        "three rounds",
        last_places(
            "business_environment_indicator_rank",
            dict.fromkeys(range(1, 4), 1),
            of=108,
            indicator="permits",
        ),
        False,
    ),
    Case(
        WY + "9(3)1",
        "bottom_10_four_consecutive_times",
        "rounds 1,2,3,5",
        last_places(
            "business_environment_indicator_rank",
            dict.fromkeys((1, 2, 3, 5), 1),
            of=108,
            indicator="permits",
        ),
        False,
    ),
    # WY 9(3)2: 连续4次后3位.
    Case(
        WY + "9(3)2",
        "bottom_3_four_consecutive_times",
        "3rd from bottom x4",
        last_places(
            "business_environment_indicator_rank",
            dict.fromkeys(range(1, 5), 3),
            of=108,
            indicator="permits",
        ),
        True,
    ),
    Case(
        WY + "9(3)2",
        "bottom_3_four_consecutive_times",
        "4th once in 4",
        last_places(
            "business_environment_indicator_rank",
            {1: 3, 2: 4, 3: 3, 4: 3},
            of=108,
            indicator="permits",
        ),
        False,
    ),
    Case(
        WY + "9(3)2",
        "bottom_3_four_consecutive_times",
        "three rounds",
        last_places(
            "business_environment_indicator_rank",
            dict.fromkeys(range(2, 5), 1),
            of=108,
            indicator="permits",
        ),
        False,
    ),
    # WY 9(4).
    Case(
        WY + "9(4)",
        "investment_last_two_consecutive_years",
        "last twice",
        last_places("fixed_asset_investment_ranking", {2022: 1, 2023: 1}),
        True,
    ),
    Case(
        WY + "9(4)",
        "investment_last_two_consecutive_years",
        "last once",
        last_places("fixed_asset_investment_ranking", {2023: 1}),
        False,
    ),
    # WY 9(5): count falling and growth 低于10% (exclusive), both years.
    Case(
        WY + "9(5)",
        "enterprises_falling_and_growth_below_10_percent",
        "99/1000 both years",
        enterprise({2022: -1, 2023: -1}, {2022: "99/1000", 2023: "99/1000"}),
        True,
    ),
    Case(
        WY + "9(5)",
        "enterprises_falling_and_growth_below_10_percent",
        "growth exactly 1/10",
        enterprise({2022: -1, 2023: -1}, {2022: "99/1000", 2023: "1/10"}),
        False,
    ),
    Case(
        WY + "9(5)",
        "enterprises_falling_and_growth_below_10_percent",
        "count unchanged",
        enterprise({2022: -1, 2023: 0}, {2022: "99/1000", 2023: "99/1000"}),
        False,
    ),
    Case(
        WY + "9(5)",
        "enterprises_falling_and_growth_below_10_percent",
        "one year only",
        enterprise({2023: -1}, {2023: "99/1000"}),
        False,
    ),
    # WY 10(2): one larger-or-above accident, or 3起以上（含3起） ordinary ones, in a year.
    Case(
        WY + "10(2)",
        "larger_or_above",
        "one larger",
        incidents("production_safety_accident", (2023, "larger", 1)),
        True,
    ),
    Case(
        WY + "10(2)",
        "larger_or_above",
        "ordinary only",
        incidents("production_safety_accident", (2023, "ordinary", 2)),
        False,
    ),
    Case(
        WY + "10(2)",
        "three_or_more_ordinary",
        "three ordinary",
        incidents("production_safety_accident", (2023, "ordinary", 3)),
        True,
    ),
    Case(
        WY + "10(2)",
        "three_or_more_ordinary",
        "two ordinary",
        incidents("production_safety_accident", (2023, "ordinary", 2)),
        False,
    ),
    Case(
        WY + "10(2)",
        "three_or_more_ordinary",
        "2 + 1 across two years",
        incidents("production_safety_accident", (2022, "ordinary", 1), (2023, "ordinary", 2)),
        False,
    ),
    Case(
        WY + "10(2)",
        "three_or_more_ordinary",
        "four ordinary",
        incidents("production_safety_accident", (2023, "ordinary", 4)),
        True,
    ),
    # WY 10(3): 2起三级（较大）以上.
    Case(
        WY + "10(3)",
        "two_level_3_or_above",
        "two larger",
        incidents("food_drug_safety_incident", (2023, "larger", 2)),
        True,
    ),
    Case(
        WY + "10(3)",
        "two_level_3_or_above",
        "one larger",
        incidents("food_drug_safety_incident", (2023, "larger", 1)),
        False,
    ),
    Case(
        WY + "10(3)",
        "two_level_3_or_above",
        "larger + major",
        incidents("food_drug_safety_incident", (2023, "larger", 1), (2023, "major", 1)),
        True,
    ),
    Case(
        WY + "10(3)",
        "two_level_3_or_above",
        "one larger + ordinary",
        incidents("food_drug_safety_incident", (2023, "larger", 1), (2023, "ordinary", 5)),
        False,
    ),
    # WY 10(4): one especially major, or two major, in a year.
    Case(
        WY + "10(4)",
        "especially_major",
        "one especially major",
        incidents("mass_or_public_safety_incident", (2023, "especially_major", 1)),
        True,
    ),
    Case(
        WY + "10(4)",
        "especially_major",
        "one major",
        incidents("mass_or_public_safety_incident", (2023, "major", 1)),
        False,
    ),
    Case(
        WY + "10(4)",
        "two_major",
        "two major",
        incidents("mass_or_public_safety_incident", (2023, "major", 2)),
        True,
    ),
    Case(
        WY + "10(4)",
        "two_major",
        "one major",
        incidents("mass_or_public_safety_incident", (2023, "major", 1)),
        False,
    ),
    # WY 10(5): key rectification unit two consecutive years.
    Case(
        WY + "10(5)",
        "key_rectification_two_consecutive_years",
        "2022+2023",
        flags("public_order_key_rectification", 2022, 2023),
        True,
    ),
    Case(
        WY + "10(5)",
        "key_rectification_two_consecutive_years",
        "2021+2023",
        flags("public_order_key_rectification", 2021, 2023),
        False,
    ),
    Case(
        WY + "10(5)",
        "key_rectification_two_consecutive_years",
        "one year",
        flags("public_order_key_rectification", 2023),
        False,
    ),
    # WY 11(3): team 30%以上 (inclusive); member 超过15% (exclusive).
    Case(
        WY + "11(3)",
        "team_average_and_poor_30_percent_or_more",
        "exactly 3/10",
        votes("team_evaluation", "u1", good=7, average=2, poor=1),
        True,
    ),
    Case(
        WY + "11(3)",
        "team_average_and_poor_30_percent_or_more",
        "29/100",
        votes("team_evaluation", "u1", good=71, average=29),
        False,
    ),
    Case(
        WY + "11(3)",
        "member_incompetent_over_15_percent",
        "exactly 15/100",
        votes(DE, competent=85, incompetent=15),
        False,
    ),
    Case(
        WY + "11(3)",
        "member_incompetent_over_15_percent",
        "14/100",
        votes(DE, competent=86, incompetent=14),
        False,
    ),
    Case(
        WY + "11(3)",
        "member_incompetent_over_15_percent",
        "16/100",
        votes(DE, competent=84, incompetent=16),
        True,
    ),
    # WY 12(4): study leave 超过1年 (exclusive); secondment 3个月以上 (inclusive, month-end clamp).
    Case(
        WY + "12(4)",
        STUDY,
        "exactly one year",
        absence("unsanctioned_study_leave", date(2023, 9, 1), date(2024, 9, 1)),
        False,
    ),
    Case(
        WY + "12(4)",
        STUDY,
        "one year and a day",
        absence("unsanctioned_study_leave", date(2023, 9, 1), date(2024, 9, 2)),
        True,
    ),
    Case(
        WY + "12(4)",
        STUDY,
        "from 29 Feb, to 28 Feb",
        absence("unsanctioned_study_leave", date(2024, 2, 29), date(2025, 2, 28)),
        False,
    ),
    Case(
        WY + "12(4)",
        STUDY,
        "from 29 Feb, to 1 Mar",
        absence("unsanctioned_study_leave", date(2024, 2, 29), date(2025, 3, 1)),
        True,
    ),
    Case(
        WY + "12(4)",
        SECOND,
        "30 Nov -> 29 Feb (leap)",
        absence("private_secondment", date(2023, 11, 30), date(2024, 2, 29)),
        True,
    ),
    Case(
        WY + "12(4)",
        SECOND,
        "30 Nov -> 28 Feb (leap)",
        absence("private_secondment", date(2023, 11, 30), date(2024, 2, 28)),
        False,
    ),
    Case(
        WY + "12(4)",
        SECOND,
        "30 Nov -> 28 Feb (clamped)",
        absence("private_secondment", date(2022, 11, 30), date(2023, 2, 28)),
        True,
    ),
    Case(
        WY + "12(4)",
        SECOND,
        "31 Jan -> 29 Apr",
        absence("private_secondment", date(2024, 1, 31), date(2024, 4, 29)),
        False,
    ),
    Case(
        WY + "12(4)",
        SECOND,
        "31 Jan -> 30 Apr",
        absence("private_secondment", date(2024, 1, 31), date(2024, 4, 30)),
        True,
    ),
    # WY 13: only a unit head graded incompetent.
    Case(
        WY + "13",
        "unit_head_incompetent",
        "head, incompetent",
        both(grades(AA, {2023: "incompetent"}), Facts(posts=(PostHeld("c1", "unit_head", "u1"),))),
        True,
    ),
    Case(
        WY + "13",
        "unit_head_incompetent",
        "head, basically competent",
        both(grades(AA, {2023: BC}), Facts(posts=(PostHeld("c1", "unit_head", "u1"),))),
        False,
    ),
    Case(
        WY + "13",
        "unit_head_incompetent",
        "deputy, incompetent",
        both(
            grades(AA, {2023: "incompetent"}),
            Facts(posts=(PostHeld("c1", "supervising_leader", "u1"),)),
        ),
        False,
    ),
]


@pytest.fixture(scope="module")
def registry() -> PackRegistry:
    return load_packs()


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code} {c.branch}: {c.name}")
def test_item_fires_exactly_at_its_boundary(case: Case, registry: PackRegistry) -> None:
    pack = registry.get(case.code.split("/")[0])
    hits = [h for h in evaluate(pack, case.facts) if h.code == case.code]
    branch_hits = [h for h in hits if h.branch == case.branch]
    assert bool(branch_hits) == case.fires, [(h.branch, dict(h.figures)) for h in hits]
    for hit in branch_hits:
        assert hit.pack_id == pack.pack_id and hit.pack_version == pack.version
        assert hit.article == pack.item(case.code).article
        assert set(hit.subject.roles) <= set(pack.item(case.code).applies_to)


def _hit_labels(trigger: Trigger) -> set[str]:
    """The branch labels a trigger's hits can carry (any_of branches; otherwise its own)."""
    if trigger.type == "any_of":
        return set().union(*(_hit_labels(b) for b in trigger.branches))
    return {trigger.label}


def test_every_quantitative_branch_has_a_firing_and_a_quiet_case(registry: PackRegistry) -> None:
    firing = {(c.code, c.branch) for c in CASES if c.fires}
    quiet = {(c.code, c.branch) for c in CASES if not c.fires}
    missing = []
    for pack in registry.list():
        for item in pack.quantitative():
            assert item.trigger is not None
            for label in _hit_labels(item.trigger):
                if (item.code, label) not in firing or (item.code, label) not in quiet:
                    missing.append((item.code, label))
    assert missing == []


def test_table_cites_only_real_items_and_branches(registry: PackRegistry) -> None:
    for case in CASES:
        trigger = registry.item(case.code).trigger
        assert trigger is not None, case.code
        assert case.branch in _hit_labels(trigger), (case.code, case.branch)


def test_every_trigger_type_in_the_packs_is_understood_by_the_engine(
    registry: PackRegistry,
) -> None:
    triggers = [
        (item.code, item.trigger)
        for pack in registry.list()
        for item in pack.circumstances
        if item.trigger is not None
    ] + [(item.code, item.trigger) for pack in registry.list() for item in pack.incentives]
    used = {(code, kind) for code, trigger in triggers for kind in trigger.types()}
    assert len(triggers) == 3 + 11 + 22 + 2
    assert {kind for _, kind in used} <= UNDERSTOOD_TYPES, sorted(used)
