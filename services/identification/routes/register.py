"""The cadre register over HTTP: search, one cadre (on a date), and bulk imports of register files."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from services.identification.adapters.register_file import RegisterFileError, read_table
from services.identification.adapters.register_index import RegisterRow
from services.identification.domain.errors import (
    NotFoundError,
    RegisterFileRefusedError,
    RegisterImportRefusedError,
)
from services.identification.domain.register.cadre_record import CadreRecord
from services.identification.domain.register.rows import read_rows
from services.identification.routes.deps import AppDep, TodayDep
from shared.access.http import GateDep, access
from shared.access.policy import Action, Target

router = APIRouter(prefix="/register", tags=["cadre register"])
Sort = Literal["name", "cadre_id", "unit", "post", "-name", "-cadre_id", "-unit", "-post"]
SORT_KEYS = {"name": lambda r: (r.initials, r.name, r.cadre_id), "cadre_id": lambda r: r.cadre_id,
             "unit": lambda r: (r.post["unit_id"], r.cadre_id),
             "post": lambda r: (r.post["post"], r.cadre_id)}
MAX_FILE = 20 * 1024 * 1024


def row_target(row: RegisterRow) -> Target:
    return Target.of_cadre(row.cadre_id, row.authority["managing_unit"],
                           row.authority.get("co_managing_unit"), row.post["unit_id"])


def record_target(record: CadreRecord) -> Target:
    managing, co_managing = record.managing_units
    return Target.of_cadre(record.cadre_id, managing, co_managing, record.post["unit_id"])


@router.get("/cadres", openapi_extra=access(Action.READ_CASE))
def search_cadres(
    app: AppDep, gate: GateDep,
    q: Annotated[str | None, Query(max_length=100,
                                   description="name, part of it, pinyin initials or id")] = None,
    unit: Annotated[str | None, Query(max_length=200)] = None,
    post: Annotated[str | None, Query(max_length=200)] = None,
    state: Annotated[Literal["in_post", "adjusted", "on_leave", "retired"] | None, Query()] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    size: Annotated[int, Query(ge=1, le=500)] = 50,
    sort: Sort = "name",
) -> dict[str, Any]:
    """Cadres of the register the caller may read, matching every criterion given."""
    found = [r for r in app.register.search(q, unit, post, state) if gate.visible(row_target(r))]
    found.sort(key=SORT_KEYS[sort.lstrip("-")], reverse=sort.startswith("-"))  # type: ignore[arg-type]
    shown = found[(page - 1) * size: page * size]
    gate.listed([row_target(r) for r in shown])
    return {"total": len(found), "page": page, "size": size, "items": [r.as_dict() for r in shown]}


@router.get("/cadres/{cadre_id}", openapi_extra=access(Action.READ_CASE))
def get_cadre(
    cadre_id: str, app: AppDep, gate: GateDep,
    on: Annotated[date | None, Query(description="the post held on this date")] = None,
) -> dict[str, Any]:
    """One cadre's register entry with every post held; with `on`, the post held that day."""
    record = app.cadre_record(cadre_id)
    if record is None:
        raise NotFoundError(f"cadre_id: {cadre_id} is not on the register / 干部名册中无此干部")
    gate.check(record_target(record))
    body: dict[str, Any] = {
        "cadre_id": record.cadre_id, **record.person, "post": record.post, "authority": record.authority,
        "state": record.state, "posts": record.posts, "version": record.version,
    }
    if on is not None:
        body["post_on"] = {"on": on.isoformat(), "post": record.post_on(on)}
    return body


@router.post("/imports", status_code=200, openapi_extra={
    **access(Action.ACT_ON_CASE),
    "requestBody": {"required": True, "content": {
        "text/csv": {"schema": {"type": "string"}},
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
            "schema": {"type": "string", "format": "binary"}}}},
})
async def import_register(request: Request, app: AppDep, gate: GateDep, today: TodayDep,
                          filename: Annotated[str, Query(min_length=1, max_length=200)] = "register.csv",
                          ) -> dict[str, Any]:
    """Import a register file (CSV or XLSX, Chinese column headers): every row is checked and
    nothing is applied when any row is wrong; importing the same file again changes nothing.

    An officer imports only cadres their own unit manages or co-manages."""
    content = await request.body()
    if not content or len(content) > MAX_FILE:
        raise RegisterFileRefusedError("file: empty or larger than 20 MiB / 文件为空或过大")
    try:
        header, rows = read_table(content, filename)
    except RegisterFileError as error:
        raise RegisterFileRefusedError(f"file: {error}") from error
    read = read_rows(header, rows)
    if read.faults:
        raise RegisterImportRefusedError([f.as_dict() for f in read.faults])
    for entry in read.entries:
        gate.check(Target.of_cadre(entry.cadre_id, entry.authority.managing_unit,
                                   entry.authority.co_managing_unit, entry.post.unit_id))
    outcome = app.import_register(read.entries, today, f"import:{filename}", acting=gate.acting)
    return {"registered": len(outcome.registered), "changed": outcome.changed,
            "unchanged": outcome.unchanged, "rows": len(read.entries)}
