"""Typed, path-tracking access to a parsed JSON pack, failing with PackFormatError.

Every getter names the field by its full path (e.g. `circumstances[13].trigger.threshold`), so an
operator editing a pack sees exactly what to fix.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import NoReturn

from shared.policy.errors import PackFormatError

# Thresholds are written as exact fractions ("2/3", "3/10", "3"), never decimals or percentages,
# so the pack text is the exact rational the engine compares with.
_FRACTION = re.compile(r"-?\d+(/[1-9]\d*)?")


class Node:
    """A JSON object at `path` inside `file`."""

    def __init__(self, value: object, path: str, file: Path) -> None:
        if not isinstance(value, dict):
            raise PackFormatError(file, path or "<root>", "must be an object")
        self._value: dict[str, object] = value
        self.path = path
        self.file = file

    def field(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, problem: str) -> NoReturn:
        raise PackFormatError(self.file, self.field(key), problem)

    def has(self, key: str) -> bool:
        return key in self._value

    def keys(self) -> frozenset[str]:
        return frozenset(self._value)

    def only(self, allowed: frozenset[str]) -> None:
        """Reject keys outside `allowed`: a misspelt key would otherwise be silently ignored."""
        for key in sorted(self.keys() - allowed):
            self.fail(key, "unknown field")

    def _get(self, key: str) -> object:
        if key not in self._value:
            self.fail(key, "is required")
        return self._value[key]

    def obj(self, key: str) -> Node:
        return Node(self._get(key), self.field(key), self.file)

    def objects(self, key: str) -> list[Node]:
        value = self._get(key)
        if not isinstance(value, list):
            self.fail(key, "must be a list")
        return [Node(item, f"{self.field(key)}[{i}]", self.file) for i, item in enumerate(value)]

    def text(self, key: str, default: str | None = None) -> str:
        if default is not None and key not in self._value:
            return default
        value = self._get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "must be a non-empty string")
        return value

    def texts(self, key: str, default: tuple[str, ...] | None = None) -> tuple[str, ...]:
        if default is not None and key not in self._value:
            return default
        value = self._get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(key, "must be a list of non-empty strings")
        if len(set(value)) != len(value):
            self.fail(key, "must not repeat a value")
        return tuple(value)

    def integer(self, key: str, minimum: int, default: int | None = None) -> int:
        if default is not None and key not in self._value:
            return default
        value = self._get(key)
        # bool is an int subclass in Python; `true` is never a valid count.
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(key, f"must be an integer >= {minimum}")
        return value

    def boolean(self, key: str) -> bool:
        value = self._get(key)
        if not isinstance(value, bool):
            self.fail(key, "must be true or false")
        return value

    def fraction(self, key: str) -> Fraction:
        value = self._get(key)
        if not isinstance(value, str) or not _FRACTION.fullmatch(value):
            self.fail(key, 'must be an exact fraction string such as "2/3" or "3"')
        return Fraction(value)

    def one_of(self, key: str, allowed: frozenset[str] | tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in allowed:
            self.fail(key, f"must be one of {sorted(allowed)}, not {value!r}")
        return value
