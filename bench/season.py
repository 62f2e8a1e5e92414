"""Assessment season: every cadre's annual assessment record (grade, democratic-evaluation votes)
through the pure rule engine of all three packs; the flags raised are stored.

The engine is pure and a season is a batch job, so records are evaluated in worker processes
(one per core) while the parent stores the flags of each finished chunk through the identification
service's Application class (its persistence: mapper, transcoder, PostgreSQL with DB functions),
many aggregates per save. Records carry the two previous years, as the feed ledger would hold
them, so the "consecutive years" items can fire.
"""

from __future__ import annotations

import os
import random
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from eventsourcing.domain import Aggregate, event

from shared.eventstore.application import ServiceApplication

PACKS = ("IM-2022", "LG-2020", "WY-2019")
YEARS = (2023, 2024, 2025)
GRADES = ("excellent", "competent", "basically_competent", "incompetent")
GRADE_WEIGHTS = (20, 70, 8, 2)
CHUNK = 2_500
SAVE_BATCH = 1_000


class SeasonFlags(Aggregate):
    """The rule hits raised about one cadre in one assessment season."""

    @event("Raised")
    def __init__(self, cadre_id: str, season: int, hits: list[dict[str, Any]]) -> None:
        self.cadre_id = cadre_id
        self.season = season
        self.hits = hits


def _record(rng: random.Random) -> tuple[tuple[str, ...], tuple[tuple[int, int, int, int], ...]]:
    grades = tuple(rng.choices(GRADES, GRADE_WEIGHTS)[0] for _ in YEARS)
    ballots = []
    for _ in YEARS:
        voters = rng.randint(25, 40)
        incompetent = rng.choice((0, 0, 0, 1, 2, 3)) if rng.random() > 0.03 else voters // 3
        basic = rng.randint(0, 4)
        excellent = rng.randint(3, max(3, voters - incompetent - basic - 5))
        ballots.append((excellent, voters - incompetent - basic - excellent, basic, incompetent))
    return grades, tuple(ballots)


def evaluate_chunk(args: tuple[str, int, int]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Evaluate cadres [first, first+count) of a season; return (cadre_id, hits) of those flagged."""
    from services.identification.domain.rules import Ballot, Facts, Grade, evaluate
    from shared.policy import load_packs

    prefix, first, count = args
    registry = load_packs()
    packs = [registry.get(pack_id) for pack_id in PACKS]
    flagged = []
    for n in range(first, first + count):
        cadre_id = f"{prefix}-{n}"
        grades, ballots = _record(random.Random(n))  # the assessment system's record, as read
        facts = Facts(
            grades=tuple(Grade(cadre_id, y, "annual_assessment", g) for y, g in zip(YEARS, grades,
                                                                                    strict=True)),
            ballots=tuple(
                Ballot.of(cadre_id, y, "democratic_evaluation", excellent=b[0], competent=b[1],
                          basically_competent=b[2], incompetent=b[3])
                for y, b in zip(YEARS, ballots, strict=True)),
        )
        hits = [
            {"pack_id": h.pack_id, "code": h.code, "article": h.article, "period": h.period,
             "branch": h.branch, "figures": {k: str(v) for k, v in h.figures.items()}}
            for pack in packs for h in evaluate(pack, facts)
        ]
        if hits:
            flagged.append((cadre_id, hits))
    return flagged


def store(app: ServiceApplication, flagged: list[tuple[str, list[dict[str, Any]]]]) -> None:
    for first in range(0, len(flagged), SAVE_BATCH):
        app.save(*(SeasonFlags(cadre_id=c, season=YEARS[-1], hits=h)
                   for c, h in flagged[first:first + SAVE_BATCH]))


def run(app: ServiceApplication, prefix: str, cadres: int, workers: int | None = None
        ) -> tuple[float, int]:
    """Seconds from the first record read until every flag is stored, and the cadres flagged."""
    workers = workers or os.cpu_count() or 2
    chunks = [(prefix, first, min(CHUNK, cadres - first)) for first in range(0, cadres, CHUNK)]
    flagged_total = 0
    with ProcessPoolExecutor(workers) as pool:
        pool.submit(int).result()  # workers started before the clock, as a running job's would be
        start = time.perf_counter()
        for flagged in pool.map(evaluate_chunk, chunks):
            store(app, flagged)
            flagged_total += len(flagged)
        elapsed = time.perf_counter() - start
    return elapsed, flagged_total
