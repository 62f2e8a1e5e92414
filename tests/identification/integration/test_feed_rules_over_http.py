"""Every quantitative item of the three packs, at its boundary, through the public HTTP feed API.

Each row feeds facts to POST /feeds/assessments or /feeds/statistics for a fresh subject and
checks whether the item fired: at the boundary it must (or must not, for an excluded bound), and
one step to the other side it must do the opposite. A hit opens or joins the named cadre's
concern, citing pack, article and figures. The pure engine has the exhaustive boundaries
(tests/identification/unit/test_rules_boundaries.py); this proves the whole path.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from shared.policy import load_packs

Fact = tuple[str, dict[str, Any]]
ROLES = ("unit_head", "unit_party_secretary", "supervising_leader", "responsible_leaders",
         "village_party_secretary")


def g(feed: str, period: int, grade: str) -> Fact:
    return feed, {"kind": "grade", "period": period, "grade": grade}


def b(feed: str, period: int, **votes: int) -> Fact:
    return feed, {"kind": "ballot", "period": period, "votes": votes}


def r(feed: str, period: int, rank: int, of: int, indicator: str = "") -> Fact:
    return feed, {"kind": "rank", "period": period, "rank": rank, "of": of, "indicator": indicator}


def i(feed: str, period: int, severity: str, count: int = 1) -> Fact:
    return feed, {"kind": "incident", "period": period, "severity": severity, "count": count}


def f(feed: str, period: int) -> Fact:
    return feed, {"kind": "flag", "period": period}


def m(feed: str, period: int, value: str) -> Fact:
    return feed, {"kind": "measure", "period": period, "value": value}


def a(feed: str, start: str, end: str) -> Fact:
    return feed, {"kind": "absence", "start": start, "end": end}


AA, DE = "annual_assessment", "democratic_evaluation"
BE = "business_environment_indicator_rank"
CITY, COUNTY = "city_key_economic_indicator_rank", "county_monitoring_indicator_rank"
PSA, MASS = "production_safety_accident", "mass_or_public_safety_incident"
PBR = "party_building_review_rating"
JUA = "jiangyin_unit_assessment"
IPR = "integrated_performance_ranking"
DKI = "district_key_indicator_rank"
PEC = "private_enterprise_count_change"
PEG = "private_enterprise_output_growth"
PAA = "poverty_alleviation_assessment"
TRA = "target_responsibility_assessment"
FAI = "fixed_asset_investment_ranking"
POR = "public_order_key_rectification"
CWR = "citywide_evaluation_ranking"
PROB = "probation_confirmation"
ESA = "enterprise_staff_assessment"

# (row id, jurisdiction, item code, fires, subject kind, facts)
ROWS: list[tuple[str, str, str, bool, str, list[Fact]]] = [
    # IM-2022 art. 6(14): incompetent; basically competent two adjacent years; votes < 2/3.
    ("im14-incompetent", "j-im", "IM-2022/6(14)", True, "cadre", [g(AA, 2024, "incompetent")]),
    ("im14-competent", "j-im", "IM-2022/6(14)", False, "cadre", [g(AA, 2024, "competent")]),
    ("im14-bc-adjacent", "j-im", "IM-2022/6(14)", True, "cadre",
     [g(AA, 2023, "basically_competent"), g(AA, 2024, "basically_competent")]),
    ("im14-bc-gap", "j-im", "IM-2022/6(14)", False, "cadre",
     [g(AA, 2022, "basically_competent"), g(AA, 2024, "basically_competent")]),
    ("im14-votes-exactly-2/3", "j-im", "IM-2022/6(14)", False, "cadre",
     [b(DE, 2024, excellent=4, competent=2, basically_competent=3)]),
    ("im14-votes-below-2/3", "j-im", "IM-2022/6(14)", True, "cadre",
     [b(DE, 2024, excellent=3, competent=3, basically_competent=4)]),
    ("im15-poor", "j-im", "IM-2022/6(15)", True, "cadre", [g(PBR, 2024, "poor")]),
    ("im15-average", "j-im", "IM-2022/6(15)", False, "cadre",
     [g(PBR, 2024, "average")]),
    ("im19-one-year", "j-im", "IM-2022/6(19)", True, "cadre",
     [a("health_incapacity", "2024-03-01", "2025-03-01")]),
    ("im19-a-day-short", "j-im", "IM-2022/6(19)", False, "cadre",
     [a("health_incapacity", "2024-03-01", "2025-02-28")]),
    # LG-2020 art. 8 and 9.
    ("lg81-fourth-twice", "j-lg", "LG-2020/8(1)", True, "unit",
     [g(JUA, 2023, "fourth_tier"), g(JUA, 2024, "fourth_tier")]),
    ("lg81-fourth-once", "j-lg", "LG-2020/8(1)", False, "unit",
     [g(JUA, 2023, "fourth_tier"), g(JUA, 2024, "third_tier")]),
    ("lg82-last-twice", "j-lg", "LG-2020/8(2)", True, "unit",
     [r(IPR, 2023, 12, 12), r(IPR, 2024, 12, 12)]),
    ("lg82-second-last", "j-lg", "LG-2020/8(2)", False, "unit",
     [r(IPR, 2023, 12, 12), r(IPR, 2024, 11, 12)]),
    ("lg83-exactly-1/3", "j-lg", "LG-2020/8(3)", False, "cadre", [b(DE, 2024, incompetent=3, competent=6)]),
    ("lg83-over-1/3", "j-lg", "LG-2020/8(3)", True, "cadre", [b(DE, 2024, incompetent=4, competent=7)]),
    ("lg84-incompetent", "j-lg", "LG-2020/8(4)", True, "cadre", [g(AA, 2024, "incompetent")]),
    ("lg84-bc-once", "j-lg", "LG-2020/8(4)", False, "cadre", [g(AA, 2024, "basically_competent")]),
    ("lg85-exactly-1/3", "j-lg", "LG-2020/8(5)", True, "cadre",
     [b(PROB, 2024, against=3, in_favour=6)]),
    ("lg85-below-1/3", "j-lg", "LG-2020/8(5)", False, "cadre",
     [b(PROB, 2024, against=3, in_favour=7)]),
    ("lg86-exactly-1/3", "j-lg", "LG-2020/8(6)", True, "cadre",
     [b("appointment_renewal", 2024, against=2, in_favour=3, abstain=1)]),
    ("lg86-below-1/3", "j-lg", "LG-2020/8(6)", False, "cadre",
     [b("appointment_renewal", 2024, against=2, in_favour=5)]),
    ("lg87-unqualified", "j-lg", "LG-2020/8(7)", True, "cadre",
     [g("soe_term_assessment", 2024, "unqualified")]),
    ("lg87-qualified", "j-lg", "LG-2020/8(7)", False, "cadre", [g("soe_term_assessment", 2024, "qualified")]),
    ("lg88-basically", "j-lg", "LG-2020/8(8)", True, "cadre",
     [g(ESA, 2024, "basically_qualified")]),
    ("lg88-qualified", "j-lg", "LG-2020/8(8)", False, "cadre",
     [g(ESA, 2024, "qualified")]),
    ("lg89-last-twice", "j-lg", "LG-2020/8(9)", True, "unit",
     [r("village_ranking_in_town", 2023, 9, 9), r("village_ranking_in_town", 2024, 9, 9)]),
    ("lg89-last-once", "j-lg", "LG-2020/8(9)", False, "unit", [r("village_ranking_in_town", 2024, 9, 9)]),
    ("lg95-one-major", "j-lg", "LG-2020/9(5)", True, "unit", [i(PSA, 2024, "major")]),
    ("lg95-larger-only", "j-lg", "LG-2020/9(5)", False, "unit", [i(PSA, 2024, "larger")]),
    ("lg96-two-major", "j-lg", "LG-2020/9(6)", True, "unit", [i(MASS, 2024, "major")] * 2),
    ("lg96-one-major", "j-lg", "LG-2020/9(6)", False, "unit", [i(MASS, 2024, "major")]),
    # WY-2019 art. 7-13.
    ("wy73-last", "j-wy", "WY-2019/7(3)", True, "unit", [r("party_building_ranking", 2024, 30, 30)]),
    ("wy73-second-last", "j-wy", "WY-2019/7(3)", False, "unit", [r("party_building_ranking", 2024, 29, 30)]),
    ("wy81-poor", "j-wy", "WY-2019/8(1)", True, "unit", [g(TRA, 2024, "poor")]),
    ("wy81-average-once", "j-wy", "WY-2019/8(1)", False, "unit",
     [g(TRA, 2024, "average")]),
    ("wy82-veto", "j-wy", "WY-2019/8(2)", True, "unit", [f("one_vote_veto", 2024)]),
    ("wy82-other-flag", "j-wy", "WY-2019/8(2)", False, "unit", [f(POR, 2024)]),
    ("wy83-exactly-30%", "j-wy", "WY-2019/8(3)", True, "cadre",
     [b(DE, 2024, basically_competent=2, incompetent=1, competent=7)]),
    ("wy83-29%", "j-wy", "WY-2019/8(3)", False, "cadre", [b(DE, 2024, basically_competent=29, competent=71)]),
    ("wy84-incompetent", "j-wy", "WY-2019/8(4)", True, "cadre", [g(AA, 2024, "incompetent")]),
    ("wy84-competent", "j-wy", "WY-2019/8(4)", False, "cadre", [g(AA, 2024, "competent")]),
    ("wy85-town-last-twice", "j-wy", "WY-2019/8(5)", True, "cadre",
     [r("town_portfolio_ranking", 2023, 8, 8), r("town_portfolio_ranking", 2024, 8, 8)]),
    ("wy85-dept-last-once", "j-wy", "WY-2019/8(5)", False, "unit",
     [r("department_category_ranking", 2024, 6, 6)]),
    ("wy86-last-twice", "j-wy", "WY-2019/8(6)", True, "unit",
     [r(CWR, 2023, 40, 40), r(CWR, 2024, 40, 40)]),
    ("wy86-second-last", "j-wy", "WY-2019/8(6)", False, "unit",
     [r(CWR, 2023, 40, 40), r(CWR, 2024, 39, 40)]),
    ("wy911-same-indicator", "j-wy", "WY-2019/9(1)1", True, "unit",
     [r(COUNTY, 2023, 20, 20, "gdp"), r(COUNTY, 2024, 20, 20, "gdp")]),
    ("wy911-other-indicator", "j-wy", "WY-2019/9(1)1", False, "unit",
     [r(COUNTY, 2023, 20, 20, "gdp"), r(COUNTY, 2024, 20, 20, "revenue")]),
    ("wy912-regressed", "j-wy", "WY-2019/9(1)2", True, "unit",
     [r(CITY, 2023, 7, 7, "gdp"), r(CITY, 2024, 7, 7, "gdp"), r(COUNTY, 2023, 5, 20, "gdp"),
      r(COUNTY, 2024, 7, 20, "gdp")]),
    ("wy912-improved", "j-wy", "WY-2019/9(1)2", False, "unit",
     [r(CITY, 2023, 7, 7, "gdp"), r(CITY, 2024, 7, 7, "gdp"), r(COUNTY, 2023, 5, 20, "gdp"),
      r(COUNTY, 2024, 4, 20, "gdp")]),
    ("wy913-last-twice", "j-wy", "WY-2019/9(1)3", True, "unit",
     [r(DKI, 2023, 9, 9, "tax"), r(DKI, 2024, 9, 9, "tax")]),
    ("wy913-last-once", "j-wy", "WY-2019/9(1)3", False, "unit", [r(DKI, 2024, 9, 9, "tax")]),
    ("wy922-poor", "j-wy", "WY-2019/9(2)2", True, "unit", [g(PAA, 2024, "poor")]),
    ("wy922-average", "j-wy", "WY-2019/9(2)2", False, "unit", [g(PAA, 2024, "average")]),
    ("wy931-tenth-from-bottom", "j-wy", "WY-2019/9(3)1", True, "unit",
     [r(BE, n, 11, 20, "permits") for n in (1, 2, 3, 4)]),
    ("wy931-eleventh-in-round-4", "j-wy", "WY-2019/9(3)1", False, "unit",
     [*[r(BE, n, 11, 20, "permits") for n in (1, 2, 3)], r(BE, 4, 10, 20, "permits")]),
    ("wy932-third-from-bottom", "j-wy", "WY-2019/9(3)2", True, "unit",
     [r(BE, n, 18, 20, "credit") for n in (1, 2, 3, 4)]),
    ("wy932-fourth-in-round-4", "j-wy", "WY-2019/9(3)2", False, "unit",
     [*[r(BE, n, 18, 20, "credit") for n in (1, 2, 3)], r(BE, 4, 17, 20, "credit")]),
    ("wy94-last-twice", "j-wy", "WY-2019/9(4)", True, "unit",
     [r(FAI, 2023, 9, 9), r(FAI, 2024, 9, 9)]),
    ("wy94-last-once", "j-wy", "WY-2019/9(4)", False, "unit", [r(FAI, 2024, 9, 9)]),
    ("wy95-growth-9%", "j-wy", "WY-2019/9(5)", True, "unit",
     [m(PEC, 2023, "-2"), m(PEC, 2024, "-1"),
      m(PEG, 2023, "9/100"), m(PEG, 2024, "9/100")]),
    ("wy95-growth-exactly-10%", "j-wy", "WY-2019/9(5)", False, "unit",
     [m(PEC, 2023, "-2"), m(PEC, 2024, "-1"),
      m(PEG, 2023, "9/100"), m(PEG, 2024, "1/10")]),
    ("wy102-three-accidents", "j-wy", "WY-2019/10(2)", True, "unit", [i(PSA, 2024, "ordinary")] * 3),
    ("wy102-two-accidents", "j-wy", "WY-2019/10(2)", False, "unit", [i(PSA, 2024, "ordinary")] * 2),
    ("wy103-two-level-3", "j-wy", "WY-2019/10(3)", True, "unit",
     [i("food_drug_safety_incident", 2024, "larger", 2)]),
    ("wy103-one-level-3", "j-wy", "WY-2019/10(3)", False, "unit",
     [i("food_drug_safety_incident", 2024, "larger")]),
    ("wy104-two-major", "j-wy", "WY-2019/10(4)", True, "unit", [i(MASS, 2024, "major", 2)]),
    ("wy104-one-major", "j-wy", "WY-2019/10(4)", False, "unit", [i(MASS, 2024, "major")]),
    ("wy105-two-years", "j-wy", "WY-2019/10(5)", True, "unit",
     [f(POR, 2023), f(POR, 2024)]),
    ("wy105-one-year", "j-wy", "WY-2019/10(5)", False, "unit", [f(POR, 2024)]),
    ("wy113-team-exactly-30%", "j-wy", "WY-2019/11(3)", True, "unit",
     [b("team_evaluation", 2024, average=2, poor=1, good=7)]),
    ("wy113-member-exactly-15%", "j-wy", "WY-2019/11(3)", False, "cadre",
     [b(DE, 2024, incompetent=3, competent=17)]),
    ("wy113-member-20%", "j-wy", "WY-2019/11(3)", True, "cadre", [b(DE, 2024, incompetent=4, competent=16)]),
    ("wy124-study-exactly-1-year", "j-wy", "WY-2019/12(4)", False, "cadre",
     [a("unsanctioned_study_leave", "2024-03-01", "2025-03-01")]),
    ("wy124-study-a-day-over", "j-wy", "WY-2019/12(4)", True, "cadre",
     [a("unsanctioned_study_leave", "2024-03-01", "2025-03-02")]),
    ("wy124-secondment-3-months", "j-wy", "WY-2019/12(4)", True, "cadre",
     [a("private_secondment", "2024-03-01", "2024-06-01")]),
    ("wy124-secondment-a-day-short", "j-wy", "WY-2019/12(4)", False, "cadre",
     [a("private_secondment", "2024-03-01", "2024-05-31")]),
    ("wy13-unit-head", "j-wy", "WY-2019/13", True, "cadre-head", [g(AA, 2024, "incompetent")]),
    ("wy13-not-unit-head", "j-wy", "WY-2019/13", False, "cadre", [g(AA, 2024, "incompetent")]),
]


def cadre(cadre_id: str) -> dict[str, str]:
    return {"cadre_id": cadre_id, "name": "测试", "unit_id": "u-test", "post": "局长", "rank": "正科级"}


def subject_for(row_id: str, kind: str) -> dict[str, Any]:
    if kind == "unit":
        return {"kind": "unit", "id": f"unit-{row_id}",
                "holders": [{"role": role, "cadre": cadre(f"{row_id}-{role}")} for role in ROLES]}
    roles = ["unit_head"] if kind == "cadre-head" else []
    return {"kind": "cadre", "id": row_id, "cadre": cadre(row_id), "holds_roles": roles}


def feed_facts(client: TestClient, row_id: str, jurisdiction: str, kind: str,
               facts: list[Fact]) -> list[dict[str, Any]]:
    hits = []
    for n, (feed, fact) in enumerate(facts):
        path = "/feeds/assessments" if fact["kind"] in ("grade", "ballot") else "/feeds/statistics"
        response = client.post(path, json={
            "record_id": f"{row_id}-{n}", "jurisdiction": jurisdiction, "managing_unit": "org:test",
            "feed": feed, "subject": subject_for(row_id, kind), "fact": fact,
        })
        assert response.status_code == 201, response.text
        hits += response.json()["hits"]
    return hits


def test_the_table_covers_every_quantitative_item_of_every_pack() -> None:
    quantitative = {c.code for p in load_packs().list() for c in p.quantitative()}
    firing = {code for _, _, code, fires, _, _ in ROWS if fires}
    silent = {code for _, _, code, fires, _, _ in ROWS if not fires}
    assert firing == quantitative
    assert silent == quantitative


@pytest.mark.parametrize(("row_id", "jurisdiction", "code", "fires", "kind", "facts"), ROWS,
                         ids=[row[0] for row in ROWS])
def test_item_fires_exactly_at_its_boundary(
    client: TestClient, row_id: str, jurisdiction: str, code: str, fires: bool, kind: str,
    facts: list[Fact],
) -> None:
    hits = feed_facts(client, row_id, jurisdiction, kind, facts)
    fired = [h for h in hits if h["code"] == code]
    assert bool(fired) is fires, hits
    if not fires:
        return
    hit = fired[0]
    pack_id, number = code.split("/", 1)
    assert hit["pack_id"] == pack_id and hit["article"] == f"art. {number}"
    # The figures that triggered it: the observed values, and the feed where one leaf judged them.
    assert hit["figures"] and all(isinstance(v, str) for v in hit["figures"].values())
    assert hit["figures"].get("feed", facts[-1][0]) == facts[-1][0]
    # The hit opened (or joined) the named cadre's concern, which cites pack, article and figures.
    concerns = client.get("/concerns", params={"cadre_id": hit["cadre_id"]}).json()
    assert len(concerns) == 1 and concerns[0]["status"] == "open"
    cited = [h for h in concerns[0]["rule_hits"] if h["code"] == code]
    assert cited and cited[0]["figures"] == hit["figures"]
    assert {"pack_id": pack_id, "article": f"art. {number}"} in concerns[0]["citations"]


def test_three_consecutive_excellent_years_raise_the_up_flag(client: TestClient) -> None:
    feed_facts(client, "up-2", "j-lg", "cadre", [g(AA, 2023, "excellent"), g(AA, 2024, "excellent")])
    flags = client.get("/cadres/up-2/up-flags").json()
    assert (flags["excellent_years_in_a_row"], flags["three_consecutive_excellent_years"]) == (2, False)
    feed_facts(client, "up-3", "j-lg", "cadre",
               [g(AA, 2022, "excellent"), g(AA, 2023, "excellent"), g(AA, 2024, "excellent")])
    flags = client.get("/cadres/up-3/up-flags").json()
    assert flags["three_consecutive_excellent_years"] is True
    assert [item["code"] for item in flags["items"]] == ["LG-2020/incentive-9(3)"]
    assert client.get("/concerns", params={"cadre_id": "up-3"}).json() == []  # up is no concern


def test_packs_are_listed_items_shown_and_units_bound_to_one_version(client: TestClient) -> None:
    packs = {p["pack_id"]: p for p in client.get("/packs").json()}
    assert (packs["IM-2022"]["items"], packs["LG-2020"]["quantitative_items"]) == (20, 11)
    item = client.get("/packs/WY-2019/items/11(3)").json()
    assert item["article"] == "art. 11(3)" and item["kind"] == "quantitative"
    assert {leaf["threshold"] for leaf in item["trigger"]["leaves"]} == {"3/10", "3/20"}
    assert client.get("/packs/WY-2019/items/99(9)").status_code == 404
    for pack in ("IM-2022", "WY-2019"):
        client.put("/jurisdictions/j-rebind/pack", json={"pack_id": pack, "on_behalf_of": "x",
                                                         "bound_on": "2026-02-01"})
    bound = client.get("/jurisdictions/j-rebind").json()
    assert (bound["pack_id"], bound["version"]) == ("WY-2019", 1)
    assert [b["pack_id"] for b in bound["bindings"]] == ["IM-2022", "WY-2019"]
    unknown = client.put("/jurisdictions/j-x/pack", json={"pack_id": "XX-1999", "on_behalf_of": "x",
                                                          "bound_on": "2026-02-01"})
    assert unknown.status_code == 404
