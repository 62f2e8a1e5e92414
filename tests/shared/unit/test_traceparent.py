"""The traceparent stored with every event is the W3C header of the current span."""

from __future__ import annotations

from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from shared.tracing import continued_span, current_traceparent, setup_tracing, tracer

PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


def test_it_is_what_the_trace_context_propagator_injects() -> None:
    setup_tracing("test", "none")
    with tracer().start_as_current_span("work"):
        carrier: dict[str, str] = {}
        TraceContextTextMapPropagator().inject(carrier)
        assert current_traceparent() == carrier["traceparent"]


def test_a_continued_span_keeps_the_trace_and_makes_a_new_span() -> None:
    setup_tracing("test", "none")
    with continued_span("consume", {"traceparent": PARENT}):
        value = current_traceparent()
    assert value is not None
    version, trace_id, span_id, flags = value.split("-")
    assert (version, trace_id, flags) == ("00", PARENT.split("-")[1], "01")
    assert span_id != PARENT.split("-")[2]


def test_without_a_span_there_is_none() -> None:
    assert current_traceparent() is None
