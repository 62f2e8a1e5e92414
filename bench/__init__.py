"""Benchmarks of the whole system against raw PostgreSQL and NATS baselines (`python -m bench`)."""
