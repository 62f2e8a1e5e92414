"""Compliance checks over the recorded entries (SPEC §7; IM 15-36): pure functions, each citing its rule."""
