package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vpbank.creditscore.route.RouteProperties;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every exchange property a route file sets or reads is named in {@link RouteProperties}. */
class RoutePropertiesTest {

    private static final Pattern SET = Pattern.compile("- setProperty:\\s*\\n\\s*name:\\s*(\\w+)");
    private static final Pattern READ = Pattern.compile("exchangeProperty\\.(\\w+)");

    @Test
    void theRoutesUseOnlyTheNamedProperties() throws IOException, IllegalAccessException {
        Set<String> named = new TreeSet<>();
        for (Field field : RouteProperties.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                named.add((String) field.get(null));
            }
        }
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".camel.yaml")).toList()) {
                String text = Files.readString(file);
                for (Pattern pattern : new Pattern[] {SET, READ}) {
                    Matcher matcher = pattern.matcher(text);
                    while (matcher.find()) {
                        used.add(matcher.group(1));
                    }
                }
            }
        }
        assertTrue(used.size() >= 6, "the routes' properties were found: " + used);
        Set<String> unnamed = new TreeSet<>(used);
        unnamed.removeAll(named);
        assertEquals(Set.of(), unnamed, "properties the routes use that RouteProperties does not name");
    }
}
