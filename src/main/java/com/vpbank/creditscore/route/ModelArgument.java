package com.vpbank.creditscore.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method's parameter that a route fills with model names: one name
 * ({@code scoreOptional(*, 'traditional')}) or several, comma-separated
 * ({@code requireAnyGroup(*, 'traditional,social')}). At start-up every name a route gives
 * there is collected, and a model bundle that lacks one of them is refused: a misspelt model
 * name stops the service instead of silently dropping that model's score.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ModelArgument {
}
