package com.vpbank.creditscore.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the steps the predict route is made of cost in Camel itself, with beans that do
 * nothing, so that only the engine's work is timed: one exchange sent through a route of
 * one step, against the same route without the step.
 *
 * <ul>
 *   <li>{@code emptyRoute}: the exchange, its unit of work and one route whose one step
 *       sets a header to a constant;</li>
 *   <li>{@code directHop}: one {@code to: direct:} into a second, empty route (the predict
 *       flow passes five routes);</li>
 *   <li>{@code beanBoundByAnnotation}: {@code score(*, 'traditional')}, the request bound
 *       from an exchange property by {@code @ExchangeProperty}, as the routes call beans now;</li>
 *   <li>{@code beanWithSimpleParameters}: {@code score(${exchangeProperty.request},
 *       'traditional')}, a Simple expression in the method's parameters;</li>
 *   <li>{@code beanWithMethodCallParameter}: {@code key(${exchangeProperty.request.id()})},
 *       a method called on the property inside the Simple parameter;</li>
 *   <li>{@code overloadedBeanMethod}: a method name the bean has twice, which Camel resolves
 *       on every call;</li>
 *   <li>{@code choiceOnBeanPredicate} / {@code choiceOnSimpleMethodCall}: a choice on
 *       {@code isItem} against {@code ${header.attributes.isEmpty()} == false}.</li>
 * </ul>
 *
 * <p>{@code -p routeMetrics=true} adds Camel's Micrometer route policy, as the service
 * has, so that its cost per route shows too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouteStepBenchmark {

    @Param({"false"})
    public boolean routeMetrics;

    private CamelContext context;
    private ProducerTemplate template;

    /** The request as the routes hold it: an exchange property. */
    public record Request(String id) {
    }

    /** Beans whose methods do nothing but return, so that the binding is what is timed. */
    public static final class Steps {
        public String score(@ExchangeProperty("request") Request request, String model) {
            return model;
        }

        public String key(String id) {
            return id;
        }

        public String read(Exchange exchange) {
            return exchange.getExchangeId();
        }

        public String read(String body, Map<String, Object> headers) {
            return body;
        }

        public boolean isItem(@Header("attributes") Map<String, Object> attributes) {
            return attributes != null && !attributes.isEmpty();
        }
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        context = new DefaultCamelContext();
        context.getRegistry().bind("steps", new Steps());
        if (routeMetrics) {
            context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, new SimpleMeterRegistry());
            context.addRoutePolicyFactory(new MicrometerRoutePolicyFactory());
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:empty").routeId("empty").setHeader("step", constant("done"));
                from("direct:hop").routeId("hop").to("direct:hop-target");
                from("direct:hop-target").routeId("hop-target").setHeader("step", constant("done"));
                from("direct:annotated").routeId("annotated").bean("steps", "score(*, 'traditional')");
                from("direct:simple").routeId("simple")
                        .bean("steps", "score(${exchangeProperty.request}, 'traditional')");
                from("direct:method-call").routeId("method-call")
                        .bean("steps", "key(${exchangeProperty.request.id()})");
                from("direct:overloaded").routeId("overloaded").bean("steps", "read");
                from("direct:bean-predicate").routeId("bean-predicate")
                        .choice().when(method("steps", "isItem")).setBody(constant("existing"))
                        .otherwise().setBody(constant("new")).end();
                from("direct:simple-predicate").routeId("simple-predicate")
                        .choice()
                        .when(simple("${header.attributes} != null && ${header.attributes.isEmpty()} == false"))
                        .setBody(constant("existing"))
                        .otherwise().setBody(constant("new")).end();
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.stop();
    }

    private Object send(String endpoint) {
        return template.send(endpoint, exchange -> {
            exchange.setProperty("request", new Request("CUS123456"));
            exchange.getMessage().setHeader("attributes", Map.of("customer_id", "CUS123456"));
            exchange.getMessage().setBody("{}");
        });
    }

    @Benchmark
    public Object emptyRoute() {
        return send("direct:empty");
    }

    @Benchmark
    public Object directHop() {
        return send("direct:hop");
    }

    @Benchmark
    public Object beanBoundByAnnotation() {
        return send("direct:annotated");
    }

    @Benchmark
    public Object beanWithSimpleParameters() {
        return send("direct:simple");
    }

    @Benchmark
    public Object beanWithMethodCallParameter() {
        return send("direct:method-call");
    }

    @Benchmark
    public Object overloadedBeanMethod() {
        return send("direct:overloaded");
    }

    @Benchmark
    public Object choiceOnBeanPredicate() {
        return send("direct:bean-predicate");
    }

    @Benchmark
    public Object choiceOnSimpleMethodCall() {
        return send("direct:simple-predicate");
    }
}
