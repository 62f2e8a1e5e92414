"""The cadre register over HTTP on real NATS and PostgreSQL: imports that apply all or nothing,
search, the post held on a date, and authority read from the register, not from a report."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from shared.settings import ServiceSettings
from tests.access import headers_for
from tests.identification.integration.conftest import service_client
from tests.identification.integration.published import published
from tests.identification.integration.register_files import csv_bytes, row, xlsx_bytes

BAOTOU = "org:baotou-municipal"
HOHHOT = "org:hohhot-municipal"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROWS = [
    row("bt-001", "王建国", "org:baotou-finance", BAOTOU),
    row("bt-002", "李秀英", "org:baotou-finance", BAOTOU, post="局长", rank="正处级", level="县处级正职"),
    row("bt-003", "张伟", "org:baotou-education", BAOTOU, co_managing="org:inner-mongolia-region"),
]


def import_file(client: TestClient, content: bytes, filename: str = "名册.csv",
                unit: str | None = None) -> Any:
    headers = {"content-type": XLSX if filename.endswith(".xlsx") else "text/csv"}
    if unit:
        headers.update(headers_for("case_officer", unit))
    return client.post("/register/imports", params={"filename": filename}, content=content,
                       headers=headers)


def signal(cadre_id: str, managing: str, signal_id: str, co_managing: str | None = None) -> dict[str, Any]:
    return {"signal_id": signal_id, "channel": "daily_understanding", "reporter": "干部监督科",
            "cadre": {"cadre_id": cadre_id, "name": "自称", "unit_id": "org:x", "post": "自填职务",
                      "rank": "正厅级"},
            "managing_unit": managing, "co_managing_unit": co_managing,
            "citation": {"pack_id": "IM-2022", "article": "art. 6(8)"}, "summary": "工作不在状态",
            "reported_at": "2026-03-01T09:00:00+08:00"}


def test_a_file_with_one_bad_row_applies_nothing_the_corrected_file_applies_once(
    settings: ServiceSettings,
) -> None:
    _, client = service_client(settings, BAOTOU)
    with client:
        bad = [*ROWS[:2], [*ROWS[2][:3], "1975-02-30", *ROWS[2][4:]]]
        refused = import_file(client, csv_bytes(bad))
        assert refused.status_code == 400, refused.text
        detail = refused.json()["detail"]
        assert "row 4 column 出生日期" in detail and "nothing applied" in detail
        assert client.get("/register/cadres").json()["total"] == 0

        applied = import_file(client, xlsx_bytes(ROWS), "名册.xlsx")
        assert applied.status_code == 200, applied.text
        assert applied.json() == {"registered": 3, "changed": {}, "unchanged": 0, "rows": 3}
        before = client.get("/register/cadres/bt-001").json()
        again = import_file(client, csv_bytes(ROWS))
        assert again.json() == {"registered": 0, "changed": {}, "unchanged": 3, "rows": 3}
        assert client.get("/register/cadres/bt-001").json() == before

        moved = [row("bt-001", "王建国", "org:baotou-finance", BAOTOU, post="局长", rank="正处级",
                     level="县处级正职"), *ROWS[1:]]
        moved[0][-1] = "2026-02-01"
        changed = import_file(client, csv_bytes(moved))
        assert changed.json()["changed"] == {"bt-001": ["post"]}
        record = client.get("/register/cadres/bt-001", params={"on": "2025-06-30"}).json()
        assert record["post"]["post"] == "局长" and record["post_on"]["post"]["post"] == "副局长"
        assert [p["post"] for p in record["posts"]] == ["副局长", "局长"]

        changes = published(settings.nats_url, "cadre.identification.cadre_post_changed.v1")
        assert changes[0]["data"]["post"]["rank"] == "正处级"
        registered = published(settings.nats_url, "cadre.identification.cadre_registered.v1", 3)
        assert {e["data"]["cadre_id"] for e in registered} == {"bt-001", "bt-002", "bt-003"}

        # Another unit's officer cannot load a register of cadres it does not manage.
        other = import_file(client, csv_bytes([row("hh-9", "赵敏", "org:x", BAOTOU)]), unit=HOHHOT)
        assert other.status_code == 403 and other.json()["rule"] == "jurisdiction.managing_unit"


def test_search_by_name_pinyin_initials_unit_and_post_paged_and_sorted(settings: ServiceSettings) -> None:
    _, client = service_client(settings, BAOTOU)
    with client:
        assert import_file(client, csv_bytes(ROWS)).status_code == 200
        names = lambda **q: [c["name"] for c in client.get("/register/cadres", params=q).json()["items"]]  # noqa: E731
        assert names(q="建国") == ["王建国"]
        assert names(q="wjg") == ["王建国"]
        assert names(q="lxy") == ["李秀英"]
        assert names(unit="org:baotou-finance") == ["李秀英", "王建国"]  # by pinyin: l before w
        assert names(post="局长") == ["李秀英"]
        assert names(sort="-cadre_id", size=2) == ["张伟", "李秀英"]
        second = client.get("/register/cadres", params={"sort": "cadre_id", "size": 2, "page": 2}).json()
        assert second["total"] == 3 and [c["cadre_id"] for c in second["items"]] == ["bt-003"]
        # Cadres of another unit are not listed for it (filtered, never refused).
        other = client.get("/register/cadres", headers=headers_for("case_officer", HOHHOT)).json()
        assert other["total"] == 0


def test_authority_comes_from_the_register_not_from_the_report(settings: ServiceSettings) -> None:
    _, client = service_client(settings, BAOTOU)
    with client:
        assert import_file(client, csv_bytes(ROWS)).status_code == 200
        opened = client.post("/signals", json=signal("bt-001", BAOTOU, "s-1"))
        assert opened.status_code == 201, opened.text
        concern_id = opened.json()["concern_id"]
        concern = client.get(f"/concerns/{concern_id}").json()
        # The register's snapshot, not what the form claimed.
        assert concern["cadre"]["post"] == "副局长" and concern["cadre"]["name"] == "王建国"

        # Hohhot's officer names Hohhot as the managing unit of Baotou's cadre: refused.
        claimed = client.post("/signals", json=signal("bt-001", HOHHOT, "s-2"),
                              headers=headers_for("case_officer", HOHHOT))
        assert claimed.status_code == 403 and claimed.json()["rule"] == "jurisdiction.managing_unit"
        determined = client.post(f"/concerns/{concern_id}/determination", json={
            "outcome": "not_substantiated", "on_behalf_of": "呼市组织部", "determined_on": "2026-03-02"},
            headers=headers_for("committee_secretary", HOHHOT))
        assert determined.status_code == 403 and determined.json()["rule"] == "jurisdiction.managing_unit"
        # Baotou's own officer cannot name another co-managing unit either.
        wrong = client.post("/signals", json=signal("bt-001", BAOTOU, "s-3", co_managing=HOHHOT))
        assert wrong.status_code == 422 and "register.managing_unit" in wrong.json()["detail"]
        after = client.get(f"/concerns/{concern_id}").json()
        assert after == concern

        # A cadre Baotou's register does not list is kept unresolved, not joined to anything.
        unknown = client.post("/signals", json=signal("bt-404", BAOTOU, "s-4"))
        assert unknown.status_code == 201 and unknown.json()["unresolved"] is True
        assert unknown.json()["concern_id"] is None

        waiting = client.get("/signals", params={"state": "unresolved"})
        assert [s["signal_id"] for s in waiting.json()] == [unknown.json()["signal_id"]]
        resolved = client.post(f"/signals/{unknown.json()['signal_id']}/resolution",
                               json={"cadre_id": "bt-001", "on_behalf_of": "干部监督科 李敏"})
        assert resolved.status_code == 200 and resolved.json()["concern_id"] == concern_id
        assert client.get("/signals", params={"state": "unresolved"}).json() == []


def test_officers_list_their_units_concerns_and_signals_without_a_cadre_id(
    settings: ServiceSettings,
) -> None:
    _, client = service_client(settings, BAOTOU)
    with client:
        assert import_file(client, csv_bytes(ROWS)).status_code == 200
        hohhot = [row("hh-001", "赵敏", "org:hohhot-finance", HOHHOT)]
        assert import_file(client, csv_bytes(hohhot), unit=HOHHOT).status_code == 200
        for n, cadre_id in enumerate(("bt-002", "bt-001", "bt-003")):
            assert client.post("/signals", json=signal(cadre_id, BAOTOU, f"l-{n}")).status_code == 201
        assert client.post("/signals", json=signal("hh-001", HOHHOT, "l-h"),
                           headers=headers_for("case_officer", HOHHOT)).status_code == 201
        first = client.get("/concerns", params={"size": 2})
        assert first.headers["X-Total-Count"] == "3"  # Hohhot's concern is not Baotou's to see
        assert [c["cadre"]["cadre_id"] for c in first.json()] == ["bt-002", "bt-001"]
        by_cadre = client.get("/concerns", params={"sort": "cadre_id", "page": 2, "size": 2}).json()
        assert [c["cadre"]["cadre_id"] for c in by_cadre] == ["bt-003"]
        concern_id = first.json()[0]["concern_id"]
        client.post(f"/concerns/{concern_id}/determination", json={
            "outcome": "not_substantiated", "on_behalf_of": "市委", "determined_on": "2026-03-05"})
        closed = client.get("/concerns", params={"state": "not_substantiated"}).json()
        assert [c["concern_id"] for c in closed] == [concern_id]
        assert len(client.get("/concerns", params={"state": "open"}).json()) == 2
        one = client.get("/concerns", params={"cadre_id": "bt-003"}).json()
        assert [c["cadre"]["cadre_id"] for c in one] == ["bt-003"]
        # By next step: both open concerns wait for verification until one is verified.
        assert len(client.get("/concerns", params={"next_step": "verify"}).json()) == 2
        client.post(f"/concerns/{one[0]['concern_id']}/verification", json={
            "evidence_refs": ["督查通报 2026-4"], "interviews": [],
            "on_behalf_of": "干部监督科", "verified_on": "2026-03-06", "summary": "核实属实"})
        to_determine = client.get("/concerns", params={"next_step": "determine"}).json()
        assert [c["concern_id"] for c in to_determine] == [one[0]["concern_id"]]
        assert len(client.get("/concerns", params={"next_step": "verify"}).json()) == 1
        assert client.get("/concerns", params={"next_step": "decide"}).status_code == 422
        signals = client.get("/signals", params={"state": "in_concern"})
        assert signals.headers["X-Total-Count"] == "3"
        assert {s["cadre_id"] for s in signals.json()} == {"bt-001", "bt-002", "bt-003"}
