"""The packs and calendar directories (a ConfigMap in Kubernetes) are watched while the service
runs: a pack file or a year's schedule put there is taken up without a restart, on top of the
packs shipped with the code; a faulty file is logged and leaves what was loaded in place."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from shared.settings import ServiceSettings
from tests.identification.integration.conftest import service_client

FIXTURES = Path(__file__).parents[2] / "fixtures"


def eventually(probe: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not probe():
        assert time.monotonic() < deadline, "the directory change was not taken up"
        time.sleep(0.1)


def test_files_put_in_the_directories_are_taken_up_while_running(
    settings: ServiceSettings, tmp_path: Path
) -> None:
    packs, calendars = tmp_path / "packs", tmp_path / "calendars"
    packs.mkdir()
    calendars.mkdir()
    watched = settings.model_copy(update={"cadre_packs_dir": packs, "cadre_calendar_dir": calendars})
    _, client = service_client(watched, "org:city")
    with client:
        def pack_ids() -> set[str]:
            return {p["pack_id"] for p in client.get("/reference/packs").json()}

        def years() -> list[int]:
            return list(client.get("/reference/calendars").json()["covered_years"])

        assert pack_ids() == {"IM-2022", "LG-2020", "WY-2019"}  # the shipped packs, dir empty
        assert 2027 not in years()

        (packs / "broken.json").write_text("{", encoding="utf-8")
        time.sleep(0.6)  # three scans: the faulty file is refused, the loaded packs stay
        assert pack_ids() == {"IM-2022", "LG-2020", "WY-2019"}
        (packs / "broken.json").unlink()

        shutil.copy(FIXTURES / "packs" / "TJ-2026.v1.json", packs / "TJ-2026.v1.json")
        eventually(lambda: "TJ-2026" in pack_ids())
        shutil.copy(FIXTURES / "working_days_2027.json", calendars / "2027.json")
        eventually(lambda: 2027 in years())
