"""OpenTelemetry set-up and W3C trace-context propagation through HTTP, NATS and stored events."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import Literal

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.propagate import extract
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SimpleSpanProcessor,
)

Exporter = Literal["otlp", "console", "none"]


def setup_tracing(service_name: str, exporter: Exporter) -> None:
    """Install a recording tracer provider; even with no exporter ids must be real to propagate."""
    if isinstance(trace.get_tracer_provider(), TracerProvider):
        return  # one provider per process (tests start several runtimes in one process)
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    if exporter == "otlp":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    elif exporter == "console":
        provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter()))
    trace.set_tracer_provider(provider)


@cache
def tracer() -> trace.Tracer:
    # One tracer for the process: get_tracer builds a new one (and its scope) on every call. Taken
    # before setup_tracing it is a proxy that follows the provider set later.
    return trace.get_tracer("cadre-lifecycle")


def current_traceparent() -> str | None:
    """The W3C traceparent of the current span, formatted as the trace-context propagator does
    (the stored field is W3C by definition, so no propagator lookup per stored event)."""
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return None
    return f"00-{context.trace_id:032x}-{context.span_id:016x}-{context.trace_flags:02x}"


def trace_id_of(traceparent: str | None) -> str | None:
    """The 32-hex trace id inside a traceparent header value."""
    if not traceparent:
        return None
    parts = traceparent.split("-")
    return parts[1] if len(parts) == 4 else None


@contextmanager
def continued_span(
    name: str, headers: Mapping[str, str] | None, kind: trace.SpanKind = trace.SpanKind.CONSUMER
) -> Iterator[trace.Span]:
    """A span whose parent is the trace context carried in headers (if any)."""
    parent = extract(dict(headers or {}))
    token = otel_context.attach(parent)
    try:
        with tracer().start_as_current_span(name, kind=kind) as span:
            yield span
    finally:
        otel_context.detach(token)
