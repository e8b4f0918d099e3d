package com.vpbank.creditscore.observe;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Exports spans with the text of their events' failures left out: an exception's message may
 * quote what the client sent (a feature value, an id), so an error event keeps its kind only, as
 * the logs do ({@link RedactedFailure}).
 */
public final class RedactedSpanEvents implements SpanExporter {

    /** Event attributes that carry a failure's text: Camel's, and OpenTelemetry's exception event's. */
    static final Set<String> FAILURE_TEXT = Set.of("message", "exception.message", "exception.stacktrace");

    private final SpanExporter exporter;

    public RedactedSpanEvents(SpanExporter exporter) {
        this.exporter = exporter;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        List<SpanData> redacted = new ArrayList<>(spans.size());
        for (SpanData span : spans) {
            redacted.add(span.getEvents().isEmpty() ? span : withoutFailureText(span));
        }
        return exporter.export(redacted);
    }

    private static SpanData withoutFailureText(SpanData span) {
        List<EventData> events = new ArrayList<>(span.getEvents().size());
        for (EventData event : span.getEvents()) {
            Attributes attributes = event.getAttributes().toBuilder()
                    .removeIf(key -> FAILURE_TEXT.contains(key.getKey()))
                    .build();
            events.add(EventData.create(event.getEpochNanos(), event.getName(), attributes,
                    event.getTotalAttributeCount()));
        }
        return new DelegatingSpanData(span) {
            @Override
            public List<EventData> getEvents() {
                return events;
            }
        };
    }

    @Override
    public CompletableResultCode flush() {
        return exporter.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return exporter.shutdown();
    }
}
