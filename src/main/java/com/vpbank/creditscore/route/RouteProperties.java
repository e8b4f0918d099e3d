package com.vpbank.creditscore.route;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The names of the exchange properties that routes and beans share: a route sets one
 * ({@code setProperty: name: ...}) or reads it ({@code ${exchangeProperty....}}), a bean
 * takes it ({@code @ExchangeProperty(RouteProperties....)}). Every name a route file uses is
 * one of these (RoutePropertiesTest).
 */
public final class RouteProperties {

    /** The validated predict request (predict route). */
    public static final String PREDICT_REQUEST = "predictRequest";
    /** The stored answer of an earlier request with the same Idempotency-Key, or null (predict route). */
    public static final String EARLIER_ANSWER = "earlierAnswer";
    /** The validated search request (search route). */
    public static final String SEARCH = "search";
    /** The customer item the search's lookup found (search route). */
    public static final String CUSTOMER_ITEM = "customerItem";
    /** Which bundle a model route works on: champion or challenger (models routes). */
    public static final String MODEL_BUNDLE = "modelBundle";
    /** The id of the API key that asked for a reload, for the audit trail (models routes). */
    public static final String RELOADED_BY = "reloadedBy";
    /** The cache folder a bundle read from S3 is written to (models routes). */
    public static final String BUNDLE_FOLDER = "bundleFolder";
    /** The request's claim of its Idempotency-Key, set and read by the idempotency bean only. */
    public static final String IDEMPOTENCY_CLAIM = "idempotencyClaim";
    /** The shard of a portfolio run asked for (portfolio-shard route). */
    public static final String PORTFOLIO_WORK = "portfolioWork";
    /** The portfolio shard this replica works, or null when it does not (portfolio-shard route). */
    public static final String PORTFOLIO_SHARD = "portfolioShard";
    /** What came of a portfolio shard not worked here: done, or held by another (portfolio-shard route). */
    public static final String PORTFOLIO_OUTCOME = "portfolioOutcome";
    /** Until when another replica holds the portfolio shard asked for, in epoch milliseconds (portfolio-shard route). */
    public static final String PORTFOLIO_HELD_UNTIL = "portfolioHeldUntil";
    /** The progress of the portfolio shard (portfolio-shard route). */
    public static final String PORTFOLIO_TRACKER = "portfolioTracker";
    /** The batch of the portfolio shard being worked (portfolio-shard route). */
    public static final String PORTFOLIO_BATCH = "portfolioBatch";

    /** The model an inference request names, pinned for it (inference routes). */
    public static final String INFERENCE_MODEL = "inferenceModel";
    /** The validated inference request (inference route). */
    public static final String INFERENCE_INPUT = "inferenceInput";

    private static final Set<String> NAMES = Arrays.stream(RouteProperties.class.getFields())
            .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
            .map(RouteProperties::value)
            .collect(Collectors.toUnmodifiableSet());

    private RouteProperties() {
    }

    /** Every name above. */
    public static Set<String> names() {
        return NAMES;
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
