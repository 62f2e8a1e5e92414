"""How large and how deep a message may be, checked on its bytes before anything parses it.

A JSON parser recurses once per nesting level: ten kilobytes of `[` are enough to exhaust the
standard library's stack (RecursionError) or orjson's depth limit. No event of the contract nests
deeper than a handful of levels, so a bound far above that refuses only hostile or broken bodies,
and it is checked by a linear scan that cannot itself be made to recurse. The size bound keeps
every accepted body well inside NATS's payload limit, so nothing accepted can become
unpublishable downstream.
"""

from __future__ import annotations

MAX_MESSAGE_BYTES = 256 * 1024
MAX_NESTING_DEPTH = 32

_OPEN = frozenset(b"[{")
_CLOSE = frozenset(b"]}")
_QUOTE = ord('"')
_BACKSLASH = ord("\\")


class MessageBoundsError(ValueError):
    """The body is larger or deeper than any valid event; the reason names which bound."""


def nesting_depth(body: bytes) -> int:
    """The deepest nesting of arrays and objects, brackets inside strings not counted."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == _BACKSLASH:
                escaped = True
            elif byte == _QUOTE:
                in_string = False
        elif byte == _QUOTE:
            in_string = True
        elif byte in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif byte in _CLOSE:
            depth -= 1
    return deepest


def check_bounds(
    body: bytes, *, max_bytes: int = MAX_MESSAGE_BYTES, max_depth: int = MAX_NESTING_DEPTH
) -> None:
    if len(body) > max_bytes:
        raise MessageBoundsError(
            f"body: {len(body)} bytes is more than the {max_bytes} an event may have "
            f"/ 消息超过 {max_bytes} 字节上限")
    depth = nesting_depth(body)
    if depth > max_depth:
        raise MessageBoundsError(
            f"body: nested {depth} levels deep, more than the {max_depth} an event may have "
            f"/ 消息嵌套层数超过 {max_depth}")
