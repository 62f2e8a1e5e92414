"""Limits at the door: what no request may carry, refused before any route or record sees it.

Every stored event has to stay publishable (NATS carries at most its max_payload, 1 MB by
default), so a body, a text field and the headers are bounded here, the same for every service;
large documents belong in the attachment store, referenced by digest. A JSON body is also checked
for what the record must never hold and what would otherwise reach the routes as a 500: NaN and
Infinity (not JSON numbers), unpaired surrogates (not Unicode text that PostgreSQL or NATS can
carry), nesting deep enough to exhaust a parser, and dates outside any plausible career. Each
refusal is a JSON body in the services' error shape, naming the field and the limit in Chinese
and English.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from shared.conflict_retry import ASGIApp, Message, Receive, Scope, Send
from shared.contract.message_bounds import nesting_depth

_DATE = re.compile(r"^(\d{4})-\d{2}-\d{2}(?:$|[T ])")
# Effective dates in a cadre's record: births, posts, decisions, deadlines.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2199


@dataclass(frozen=True)
class Limits:
    max_json_bytes: int = 256 * 1024
    max_upload_bytes: int = 32 * 1024 * 1024  # a register file or an attachment, not JSON
    max_text_chars: int = 32_000  # about 96 KB of Chinese in UTF-8
    max_header_bytes: int = 8 * 1024
    max_headers_bytes: int = 32 * 1024
    max_depth: int = 32


class Refusal(Exception):
    def __init__(self, status: int, code: str, detail: str, field: str | None = None) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail, self.field = status, code, detail, field


def _reject_constant(name: str) -> Any:
    raise Refusal(422, "InvalidNumber", f"body: {name} is not a JSON number / {name} 不是合法的数值")


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string in a parsed body (object keys included) with the path that names it."""
    stack = [(value, path)]
    while stack:  # iterative: the depth is bounded already, but no recursion is needed
        item, where = stack.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            for key, inner in item.items():
                yield f"{where}.{key}" if where else key, key
                stack.append((inner, f"{where}.{key}" if where else key))
        elif isinstance(item, list):
            stack.extend((inner, f"{where}[{n}]") for n, inner in enumerate(item))


def check_text(field: str, text: str, limits: Limits) -> None:
    if len(text) > limits.max_text_chars:
        raise Refusal(422, "TextTooLong",
                      f"{field}: {len(text)} characters, more than the {limits.max_text_chars} a "
                      f"field may hold; file long documents as attachments / 文本超过 "
                      f"{limits.max_text_chars} 字上限，长文档请作为附件上传", field)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise Refusal(422, "InvalidText", f"{field}: contains an unpaired surrogate, not Unicode text "
                      "/ 含有无效的 Unicode 代理字符", field) from None
    match = _DATE.match(text)
    if match and not EARLIEST_YEAR <= int(match.group(1)) <= LATEST_YEAR:
        raise Refusal(422, "ImplausibleDate",
                      f"{field}: {text[:40]} is outside {EARLIEST_YEAR}–{LATEST_YEAR} "
                      f"/ 日期须在 {EARLIEST_YEAR} 至 {LATEST_YEAR} 年之间", field)


def check_json_body(body: bytes, limits: Limits) -> None:
    depth = nesting_depth(body)
    if depth > limits.max_depth:
        raise Refusal(422, "TooDeep", f"body: nested {depth} levels, more than {limits.max_depth} "
                      f"/ 请求体嵌套超过 {limits.max_depth} 层")
    try:
        parsed = json.loads(body, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return  # not JSON at all: the route's own validation names it
    for field, text in _strings(parsed, ""):
        check_text(field or "body", text, limits)


def check_headers(scope: Scope, limits: Limits) -> None:
    total = 0
    for name, value in scope.get("headers", []):
        total += len(name) + len(value)
        if len(value) > limits.max_header_bytes:
            header = name.decode("latin-1")
            raise Refusal(431, "HeaderTooLarge",
                          f"{header}: {len(value)} bytes, more than the {limits.max_header_bytes} a "
                          f"header may have / 请求头 {header} 过大", header)
    if total > limits.max_headers_bytes:
        raise Refusal(431, "HeadersTooLarge", f"headers: {total} bytes in all, more than "
                      f"{limits.max_headers_bytes} / 请求头总量过大")


def check_query(scope: Scope, limits: Limits) -> None:
    query = scope.get("query_string", b"").decode("latin-1")
    for name, value in parse_qsl(query, keep_blank_values=True):
        check_text(name, value, limits)


def _content_type(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return value.decode("latin-1").split(";")[0].strip().lower()
    return ""


class RequestLimits:
    """ASGI middleware: the body is read (at most the limit) and handed on unchanged."""

    def __init__(self, app: ASGIApp, limits: Limits | None = None) -> None:
        self.app = app
        self.limits = limits or Limits()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            check_headers(scope, self.limits)
            check_query(scope, self.limits)
            is_json = _content_type(scope) in ("application/json", "")
            limit = self.limits.max_json_bytes if is_json else self.limits.max_upload_bytes
            body, more = b"", True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    await self.app(scope, receive, send)  # the client went away
                    return
                body += message.get("body", b"")
                more = message.get("more_body", False)
                if len(body) > limit:
                    raise Refusal(413, "BodyTooLarge", f"body: more than the {limit} bytes a "
                                  f"request may carry / 请求体超过 {limit} 字节上限")
            if is_json and body:
                check_json_body(body, self.limits)
        except Refusal as refusal:
            await _refuse(send, refusal)
            return
        await self.app(scope, _replay(body, receive), send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body once, then the client's own messages (a disconnect, when it comes)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _refuse(send: Send, refusal: Refusal) -> None:
    content: dict[str, Any] = {"status": refusal.status, "code": refusal.code,
                               "detail": refusal.detail}
    if refusal.field is not None:
        content["field"] = refusal.field
    payload = json.dumps(content, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": refusal.status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})
