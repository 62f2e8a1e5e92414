"""A person's signal id is their unit's own: one unit cannot pre-empt another's report nor learn
its concern id by re-using the id; and nobody reports under the system's internal source names."""

from __future__ import annotations

import pytest

from shared.settings import ServiceSettings
from tests.access import headers_for
from tests.identification.integration.conftest import service_client
from tests.identification.integration.register_files import csv_bytes, row
from tests.identification.integration.test_register_over_http import (
    BAOTOU,
    HOHHOT,
    import_file,
    signal,
)


def test_two_units_reporting_the_same_signal_id_get_two_signals_and_see_only_their_own(
    settings: ServiceSettings,
) -> None:
    _, client = service_client(settings, BAOTOU)
    with client:
        assert import_file(client, csv_bytes([row("bt-1", "王建国", "org:bt-x", BAOTOU)])).status_code == 200
        assert import_file(client, csv_bytes([row("hh-1", "赵敏", "org:hh-x", HOHHOT)]),
                           unit=HOHHOT).status_code == 200
        first = client.post("/signals", json=signal("bt-1", BAOTOU, "2026-001"))
        assert first.status_code == 201 and first.json()["duplicate"] is False
        other = client.post("/signals", json=signal("hh-1", HOHHOT, "2026-001"),
                            headers=headers_for("case_officer", HOHHOT))
        assert other.status_code == 201, other.text
        assert other.json()["duplicate"] is False  # before: "duplicate" with Baotou's concern id
        assert other.json()["signal_id"] != first.json()["signal_id"]
        assert other.json()["concern_id"] != first.json()["concern_id"]
        again = client.post("/signals", json=signal("bt-1", BAOTOU, "2026-001"))
        assert again.json()["duplicate"] is True  # within one unit a re-send is still recognised
        assert again.json()["signal_id"] == first.json()["signal_id"]


@pytest.mark.parametrize("source", ["rule_engine", "fault_tolerance", "followup", "audit"])
def test_an_officer_cannot_report_under_an_internal_source_name(
    settings: ServiceSettings, source: str,
) -> None:
    _, client = service_client(settings, BAOTOU)
    with client:
        assert import_file(client, csv_bytes([row("bt-2", "李强", "org:bt-x", BAOTOU)])).status_code == 200
        refused = client.post("/signals", json={**signal("bt-2", BAOTOU, "r-1"), "source_system": source})
        assert refused.status_code == 403, refused.text
        assert refused.json()["rule"] == "report.internal_name_reserved"
        assert client.get("/signals").json() == []  # nothing recorded
