"""Policy packs: each jurisdiction's catalogue of circumstances and measures, loaded as data.

Services call `load_packs()` once at start-up and look packs up in the returned registry. See
`shared.policy.triggers` for the trigger DSL and `packs/` for the shipped packs.
"""

from shared.policy.catalogue import Circumstance, Feed, Incentive
from shared.policy.errors import (
    PackFormatError,
    RuleRefusedError,
    UnknownCircumstanceError,
    UnknownPackError,
)
from shared.policy.measures import (
    STEP_KEYS,
    AdjustmentMethod,
    AdjustmentPolicy,
    Consequence,
    EarlySignMeasure,
    FixedOutcome,
    FollowupPolicy,
    ImpactPeriod,
    ReinstatementBar,
)
from shared.policy.pack import PolicyPack, Source
from shared.policy.registry import (
    DEFAULT_PACK_DIRECTORY,
    PackRegistry,
    load_packs,
    read_pack_directory,
)
from shared.policy.triggers import Length, Trigger

__all__ = [
    "DEFAULT_PACK_DIRECTORY",
    "STEP_KEYS",
    "AdjustmentMethod",
    "AdjustmentPolicy",
    "Circumstance",
    "Consequence",
    "EarlySignMeasure",
    "Feed",
    "FixedOutcome",
    "FollowupPolicy",
    "ImpactPeriod",
    "Incentive",
    "Length",
    "PackFormatError",
    "PackRegistry",
    "PolicyPack",
    "ReinstatementBar",
    "RuleRefusedError",
    "Source",
    "Trigger",
    "UnknownCircumstanceError",
    "UnknownPackError",
    "load_packs",
    "read_pack_directory",
]
