package com.vpbank.creditscore.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method's parameter that a route fills with a role name
 * ({@code require(*, 'scorer')}). At start-up every role a route gives there must be one
 * of the service's roles, or the service does not start.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface RoleArgument {
}
