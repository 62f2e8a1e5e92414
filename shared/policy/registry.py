"""The registry of loaded packs and their activations, and `load_packs`, which reads a directory.

A pack version is in force from an effective date: a file's own `effective_from` (else its source
date) or an operator's activation. The version in force on a day is the one activated latest on or
before it; a case records the version it opened under and keeps it (`get(pack_id, version)`).
Packs arrive at run time too (an operator's upload, published to every service), so the registry
changes under a lock while requests read it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from shared.policy.catalogue import Circumstance
from shared.policy.errors import PackFormatError, UnknownCircumstanceError, UnknownPackError
from shared.policy.pack import PolicyPack
from shared.policy.read_pack import read_pack

# The packs shipped with the code; an operator points the services at another directory.
DEFAULT_PACK_DIRECTORY = Path(__file__).resolve().parent / "packs"


class PackRegistry:
    """Every loaded pack version, addressable by pack id and version, or by the day in force."""

    def __init__(self, packs: Iterable[PolicyPack], *, active: bool = True) -> None:
        self._lock = threading.Lock()
        self._packs: dict[tuple[str, int], PolicyPack] = {}
        # (pack_id, version) -> the days from which an activation puts it in force
        self._activations: dict[tuple[str, int], list[date]] = {}
        for pack in packs:
            key = (pack.pack_id, pack.version)
            if key in self._packs:
                raise ValueError(f"{pack.ref} given twice")
            self._packs[key] = pack
            if active:
                self._activations[key] = [date.fromisoformat(pack.effective_from)]

    def add(self, pack: PolicyPack) -> bool:
        """Make a version known (not yet in force); False when that exact version is already
        known. A different pack under a known id and version is refused: versions never change."""
        key = (pack.pack_id, pack.version)
        with self._lock:
            known = self._packs.get(key)
            if known is not None:
                if known != pack:
                    raise PackFormatError(f"{pack.pack_id}.v{pack.version}.json", "version",
                                          f"{pack.ref} is already loaded with other contents; "
                                          "give the changed pack a new version")
                return False
            self._packs[key] = pack
            return True

    def activate(self, pack_id: str, version: int, effective_from: date) -> None:
        """Put a known version in force from `effective_from`."""
        with self._lock:
            if (pack_id, version) not in self._packs:
                raise UnknownPackError(f"no pack {pack_id} v{version}; loaded: {self._names()}")
            days = self._activations.setdefault((pack_id, version), [])
            if effective_from not in days:
                days.append(effective_from)

    def activations(self, pack_id: str) -> list[tuple[int, date]]:
        """(version, effective from) of every activation of the pack, oldest first."""
        with self._lock:
            return sorted(((v, d) for (p, v), days in self._activations.items() if p == pack_id
                           for d in days), key=lambda a: (a[1], a[0]))

    def get(self, pack_id: str, version: int | None = None, on: date | None = None) -> PolicyPack:
        """The pack at `version`; else the version in force on `on`; else the latest activated."""
        with self._lock:
            if version is not None:
                pack = self._packs.get((pack_id, version))
                if pack is None:
                    raise UnknownPackError(f"no pack {pack_id} v{version}; loaded: {self._names()}")
                return pack
            in_force = sorted(
                (d, v) for (p, v), days in self._activations.items() if p == pack_id
                for d in days if on is None or d <= on
            )
            if not in_force:
                when = f" in force on {on}" if on is not None else ""
                raise UnknownPackError(f"no pack {pack_id!r}{when}; loaded: {self._names()}")
            return self._packs[(pack_id, in_force[-1][1])]

    def item(self, code: str, version: int | None = None) -> Circumstance:
        """The circumstance `code` (e.g. "WY-2019/13") in the pack its prefix names."""
        pack_id = code.split("/", 1)[0]
        try:
            pack = self.get(pack_id, version)
        except UnknownPackError as exc:
            raise UnknownCircumstanceError(f"no item {code!r}: {exc}") from exc
        return pack.item(code)

    def _names(self) -> str:
        return ", ".join(f"{pid} v{v}" for pid, v in sorted(self._packs)) or "none"

    # Defined last so the name `list` does not shadow the builtin in the annotations above.
    def list(self) -> tuple[PolicyPack, ...]:
        """Every loaded pack version, ordered by pack id then version."""
        with self._lock:
            return tuple(self._packs[key] for key in sorted(self._packs))


def read_pack_directory(directory: str | Path | None = None) -> list[PolicyPack]:
    """Every `*.json` pack in `directory` (default: the packs shipped with the code).

    Any malformed file stops the load with a PackFormatError naming it, so a service never starts
    on half its rules.
    """
    root = Path(directory) if directory is not None else DEFAULT_PACK_DIRECTORY
    if not root.is_dir():
        raise PackFormatError(root, "<directory>", "is not a directory of pack files")
    files = sorted(root.glob("*.json"))
    if not files:
        raise PackFormatError(root, "<directory>", "holds no *.json pack files")
    return [read_pack(file) for file in files]


def load_packs(directory: str | Path | None = None) -> PackRegistry:
    """A registry of the packs in `directory`, each in force from its own effective date.

    A new jurisdiction or a new version is a new file; no code changes.
    """
    return PackRegistry(read_pack_directory(directory))
