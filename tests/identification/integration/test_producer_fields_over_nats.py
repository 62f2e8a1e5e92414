"""What producers know travels over NATS as over HTTP: the accountability matter a signal is about
is noted on its concern, and a petition about a registered reform filing is deferred to it."""

from __future__ import annotations

import asyncio

from services.identification.application import Concerns
from services.identification.domain.signal import Signal
from shared.contract import events as contract
from shared.runner.scenario import circumstance_report, publish_report, wait_for
from shared.settings import ServiceSettings
from tests.access import headers_for
from tests.identification.integration.conftest import service_client

UNIT = "org:zone"
FILING_UNIT = headers_for("case_officer", "u-zone")
CADRE = contract.CadreRef(cadre_id="c-nats-fields", name="孙明", unit_id="u-zone", post="招商局局长",
                          rank="正科级")


def test_matter_and_reform_filing_arrive_over_nats(settings: ServiceSettings) -> None:
    runtime, client = service_client(settings, UNIT)
    app = runtime.app
    assert isinstance(app, Concerns)
    with client:
        filing_id = client.post("/reform-filings", json={
            "unit_id": "u-zone", "pack_id": "LG-2020", "title": "容缺受理试点", "plan": "方案见附件",
            "unit_discussion": "2026-02-02 党组会", "leader_agreed_by": "分管副主任",
            "on_behalf_of": "招商局", "filed_on": "2026-02-03"}, headers=FILING_UNIT).json()["filing_id"]
        for stage, reviewer in (("collective_review", "纪工委会同职能部门"), ("approval", "党工委书记")):
            response = client.post(f"/reform-filings/{filing_id}/reviews", json={
                "stage": stage, "reviewer": reviewer, "approved": True, "on": "2026-02-06",
                "opinion": "同意"}, headers=FILING_UNIT)
            assert response.status_code == 200, response.text

        for signal_id, extra in (("xf-matter", {"matter_ref": "wz-2026-088"}),
                                 ("xf-reform", {"reform_ref": filing_id})):
            report = circumstance_report(CADRE, signal_id, source_system="petitions",
                                         managing_unit=UNIT, **extra)
            asyncio.run(publish_report(settings.nats_url, report, message_id=signal_id,
                                       producer="petitions"))
        wait_for("both signals", lambda: runtime.inbound[0].processed >= 2)
        [concern] = app.concerns_of(CADRE.cadre_id)
        assert concern.matter_refs == ["wz-2026-088"]
        deferred = app.get_signal(Signal.create_id("petitions", "xf-reform"))
        assert deferred is not None and deferred.deferred_by == filing_id
        assert deferred.concern_id is None and len(concern.signal_ids) == 1
