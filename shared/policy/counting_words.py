"""Chinese counting words and the comparison each fixes (SPEC §3).

Regulatory drafting settles whether a bound is included: 以上/以下/以内/达 include the number,
超过/不满/达不到/低于 exclude it. A pack records the word next to its comparator so the loader can
refuse a pack whose comparator contradicts the document's wording (a typo in data would otherwise
silently move a threshold by one vote).
"""

from __future__ import annotations

from fractions import Fraction

COMPARATORS: frozenset[str] = frozenset({">=", ">", "<=", "<"})

# Word -> the only comparator it can mean. "及以上"/"以上（含）" are spelled variants of 以上.
COUNTING_WORDS: dict[str, str] = {
    "以上": ">=",
    "及以上": ">=",
    "达": ">=",
    "达到": ">=",
    "以下": "<=",
    "及以下": "<=",
    "以内": "<=",
    "超过": ">",
    "不满": "<",
    "达不到": "<",
    "低于": "<",
    "下降": "<",
}


def compare(value: Fraction, comparator: str, threshold: Fraction) -> bool:
    """Exact rational comparison; `comparator` is one of COMPARATORS."""
    if comparator == ">=":
        return value >= threshold
    if comparator == ">":
        return value > threshold
    if comparator == "<=":
        return value <= threshold
    if comparator == "<":
        return value < threshold
    raise ValueError(f"unknown comparator {comparator!r}")
