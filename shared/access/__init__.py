"""Who may act (SPEC §8): tokens, roles, the organisation tree and the access policy."""
