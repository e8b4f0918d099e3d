package com.vpbank.creditscore.observe;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The tracer Camel's tracing is given: it makes the span of an HTTP request that enters the
 * service a {@link SpanKind#SERVER} span, as OpenTelemetry's HTTP conventions (and backends that
 * draw service maps from them) expect; camel-opentelemetry2 makes every span internal. A server
 * span is one named as {@link HttpServerSpans} names them ({@code <method>} or
 * {@code <method> <API path>}) whose parent is the caller's or none: a span so named under a
 * span of this service stays internal.
 */
public final class ServerSpanKinds implements Tracer {

    private static final Pattern HTTP_SERVER_SPAN =
            Pattern.compile("(GET|HEAD|POST|PUT|DELETE|CONNECT|OPTIONS|TRACE|PATCH|_OTHER)( /.*)?");

    private final Tracer tracer;

    public ServerSpanKinds(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public SpanBuilder spanBuilder(String spanName) {
        SpanBuilder builder = tracer.spanBuilder(spanName);
        return HTTP_SERVER_SPAN.matcher(spanName).matches() ? new EntrySpanBuilder(builder) : builder;
    }

    /** Sets the server kind once the parent is known to be the caller's, or none. */
    private static final class EntrySpanBuilder implements SpanBuilder {

        private final SpanBuilder builder;

        EntrySpanBuilder(SpanBuilder builder) {
            this.builder = builder.setSpanKind(SpanKind.SERVER);
        }

        @Override
        public SpanBuilder setParent(Context context) {
            SpanContext parent = Span.fromContext(context).getSpanContext();
            if (parent.isValid() && !parent.isRemote()) {
                builder.setSpanKind(SpanKind.INTERNAL);
            }
            builder.setParent(context);
            return this;
        }

        @Override
        public SpanBuilder setNoParent() {
            builder.setNoParent();
            return this;
        }

        @Override
        public SpanBuilder addLink(SpanContext spanContext) {
            builder.addLink(spanContext);
            return this;
        }

        @Override
        public SpanBuilder addLink(SpanContext spanContext, io.opentelemetry.api.common.Attributes attributes) {
            builder.addLink(spanContext, attributes);
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, String value) {
            builder.setAttribute(key, value);
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, long value) {
            builder.setAttribute(key, value);
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, double value) {
            builder.setAttribute(key, value);
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, boolean value) {
            builder.setAttribute(key, value);
            return this;
        }

        @Override
        public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
            builder.setAttribute(key, value);
            return this;
        }

        @Override
        public SpanBuilder setSpanKind(SpanKind spanKind) {
            builder.setSpanKind(spanKind);
            return this;
        }

        @Override
        public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
            builder.setStartTimestamp(startTimestamp, unit);
            return this;
        }

        @Override
        public Span startSpan() {
            return builder.startSpan();
        }
    }
}
