"""The registry of loaded packs, and `load_packs`, which reads a directory of pack files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from shared.policy.catalogue import Circumstance
from shared.policy.errors import PackFormatError, UnknownCircumstanceError, UnknownPackError
from shared.policy.pack import PolicyPack
from shared.policy.read_pack import read_pack

# The packs shipped with the code; an operator may point `load_packs` elsewhere.
DEFAULT_PACK_DIRECTORY = Path(__file__).resolve().parent / "packs"


class PackRegistry:
    """Every loaded pack version, addressable by pack id and version."""

    def __init__(self, packs: Iterable[PolicyPack]) -> None:
        self._packs: dict[tuple[str, int], PolicyPack] = {}
        for pack in packs:
            key = (pack.pack_id, pack.version)
            if key in self._packs:
                raise ValueError(f"{pack.pack_id} v{pack.version} given twice")
            self._packs[key] = pack

    def get(self, pack_id: str, version: int | None = None) -> PolicyPack:
        """The pack at `version`, or its latest version when `version` is None."""
        if version is not None:
            pack = self._packs.get((pack_id, version))
            if pack is None:
                raise UnknownPackError(f"no pack {pack_id} v{version}; loaded: {self._names()}")
            return pack
        versions = [v for (pid, v) in self._packs if pid == pack_id]
        if not versions:
            raise UnknownPackError(f"no pack {pack_id!r}; loaded: {self._names()}")
        return self._packs[(pack_id, max(versions))]

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
        return tuple(self._packs[key] for key in sorted(self._packs))


def load_packs(directory: str | Path | None = None) -> PackRegistry:
    """Read every `*.json` pack in `directory` (default: the packs shipped with the code).

    A new jurisdiction or a new version is a new file; no code changes. Any malformed file stops
    the load with a PackFormatError naming it, so a service never starts on half its rules.
    """
    root = Path(directory) if directory is not None else DEFAULT_PACK_DIRECTORY
    if not root.is_dir():
        raise PackFormatError(root, "<directory>", "is not a directory of pack files")
    files = sorted(root.glob("*.json"))
    if not files:
        raise PackFormatError(root, "<directory>", "holds no *.json pack files")
    return PackRegistry(read_pack(file) for file in files)
