"""Every API call answers within a bounded time: 503 with the reason when the database is known
to be down, or when the answer is not ready by the request deadline.

A route runs in a worker thread that cannot be interrupted, so on the deadline the client is
answered and the work is left to finish (or fail) on its own; whatever it sends afterwards is
dropped. Health endpoints pass straight through: they report the state rather than suffer it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

from shared.conflict_retry import ASGIApp, Message, Receive, Scope, Send

UNGATED = frozenset({"/healthz", "/readyz"})


async def send_unavailable(send: Send, code: str, detail: str) -> None:
    body = json.dumps({"status": 503, "code": code, "detail": detail}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 503,
                "headers": [(b"content-type", b"application/json"), (b"retry-after", b"2"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def database_unavailable_detail(reason: str) -> str:
    return f"the database is unavailable ({reason}); try again shortly / 数据库暂不可用，请稍后重试"


class FailFast:
    def __init__(self, app: ASGIApp, *, closed_reason: Callable[[], str | None],
                 timeout: float) -> None:
        self.app = app
        self.closed_reason = closed_reason
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in UNGATED:
            await self.app(scope, receive, send)
            return
        reason = self.closed_reason()
        if reason is not None:
            await send_unavailable(send, "DatabaseUnavailable", database_unavailable_detail(reason))
            return
        started = answered_late = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if answered_late:
                return
            started = True
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, guarded_send))
        done, _ = await asyncio.wait({task}, timeout=self.timeout)
        if task in done:
            task.result()  # re-raise what the app raised, as without this middleware
            return
        if started:  # the answer is on its way (a long download): let it finish
            await task
            return
        answered_late = True
        task.add_done_callback(lambda t: t.cancelled() or t.exception())  # retrieved, not logged twice
        await send_unavailable(send, "RequestTimeout",
                               f"no answer within {self.timeout:g} s; try again shortly "
                               f"/ {self.timeout:g} 秒内未能完成，请稍后重试")
