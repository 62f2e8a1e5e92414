"""Dependencies every identification router shares."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import Depends, Request

from services.identification.application import Concerns


def get_app(request: Request) -> Concerns:
    app: Concerns = request.app.state.application
    return app


def get_today(request: Request) -> date:
    """Today on the service's clock (adjustable in demos and tests)."""
    today: date = request.app.state.runtime.clock.today()
    return today


def get_now(request: Request) -> datetime:
    now: datetime = request.app.state.runtime.clock.now()
    return now


AppDep = Annotated[Concerns, Depends(get_app)]
TodayDep = Annotated[date, Depends(get_today)]
NowDep = Annotated[datetime, Depends(get_now)]
