package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/routes.md names every bean and method the shipped routes call. */
class RouteGuideTest {

    private static final Pattern BEAN_STEP = Pattern.compile("ref: (\\w+)(?:\\n\\s+|, )method: \"?(\\w+)");
    private static final Pattern BEAN_FUNCTION = Pattern.compile("\\$\\{bean:(\\w+)\\?method=(\\w+)");

    @Test
    void everyBeanAndMethodTheRoutesCallIsInTheGuide() throws IOException {
        String guide = Files.readString(Path.of("docs/routes.md"));
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                String routes = Files.readString(file);
                for (Pattern call : new Pattern[] {BEAN_STEP, BEAN_FUNCTION}) {
                    Matcher found = call.matcher(routes);
                    while (found.find()) {
                        if (!guide.contains("`" + found.group(1) + "`")) {
                            missing.add(found.group(1));
                        } else if (!guide.contains("`" + found.group(2)) && !guide.contains(", `" + found.group(1))
                                && !isLoadingOrShadowBean(found.group(1))) {
                            missing.add(found.group(1) + "." + found.group(2));
                        }
                    }
                }
            }
        }
        assertEquals(Set.of(), missing, "called by the routes but not in docs/routes.md");
    }

    private static boolean isLoadingOrShadowBean(String bean) {
        return Set.of("bundleCache", "modelReloads", "challengerReloads", "shadowScoring", "shadowItems",
                "shadowComparisons").contains(bean);
    }
}
