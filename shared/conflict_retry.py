"""Commands that lose an optimistic-concurrency race are run again, on the fresh record.

Two writers may change one aggregate at once: a case officer's request and the service's own
deadline scan flagging the same record, say. The store then refuses the later save (the version
exists: eventsourcing's IntegrityError) and nothing of it is written. Running the whole request
again loads the record as it now stands, so the officer's step lands after the scan's flag instead
of failing; the access check and every domain rule run again too. Only when the race is lost
several times in a row does the client get a 409 naming it.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from eventsourcing.persistence import IntegrityError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def _lost_race(error: BaseException) -> bool:
    if isinstance(error, IntegrityError):
        return True
    if isinstance(error, BaseExceptionGroup):
        return any(_lost_race(inner) for inner in error.exceptions)
    return False


class RetryOnConflict:
    def __init__(self, app: ASGIApp, attempts: int = 3) -> None:
        self.app = app
        self.attempts = attempts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, receive, send)  # the client went away; let the app see it
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
        for _ in range(self.attempts):
            started = False
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            async def watched(message: Message) -> None:
                nonlocal started
                started = True
                await send(message)

            try:
                await self.app(scope, replay, watched)
                return
            except BaseException as error:
                if started or not _lost_race(error):
                    raise
        await _conflict(send, self.attempts)


async def _conflict(send: Send, attempts: int) -> None:
    body = json.dumps({"status": 409, "code": "ConcurrentChange",
                       "detail": f"the record kept changing while this request ran ({attempts} tries); "
                                 "read it again and retry"}).encode()
    await send({"type": "http.response.start", "status": 409,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
