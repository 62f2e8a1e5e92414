"""The producer systems an operator admits, read from the producer registry (operator data)."""
