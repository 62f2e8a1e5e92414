"""`cadre up --demo`: one cadre from a discipline-inspection signal to reinstatement eligibility."""

from __future__ import annotations

from datetime import date

from shared.runner.scenario import Scenario, wait_for


def run_demo(urls: dict[str, str], nats_url: str) -> None:
    scenario = Scenario(urls=urls, nats_url=nats_url, log=lambda line: print(f"  demo: {line}"))
    print("loading the demo scenario…")
    if scenario.concerns():
        print("  demo: already loaded (data kept from an earlier run)")
    else:
        scenario.report()
        concern_id = scenario.determine()
        scenario.run_procedure(concern_id, effective_on=date.today())
        wait_for("the follow-up plan", scenario.plans)
        # Removal bars promotion for one year (IM-2022 pack data); jump past it.
        scenario.advance_followup_clock(367)
        scenario.wait_for_timeline_type("ReinstatementEligible", timeout=60)
    timeline = scenario.timeline()
    print(f"  demo: the audit record of {scenario.cadre.name} holds {len(timeline)} events:")
    for entry in timeline:
        print(f"    {entry['occurred_at'][:19]}  {entry['source']:<15} {entry['type']}")
    print(f"  timeline: {urls['audit']}/cadres/{scenario.cadre.cadre_id}/timeline")
