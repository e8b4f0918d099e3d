package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation holds together: every relative link in README.md, docs/*.md and the
 * chart's README points to a file or folder that exists, and every {@code #anchor} to a
 * heading of the Markdown page it names (as GitHub makes anchors of headings).
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");
    private static final Map<Path, List<String>> ANCHORS = new HashMap<>();

    @Test
    void everyRelativeLinkPointsToAFileAndEveryAnchorToAHeading() throws IOException {
        List<Path> pages = pages();
        Set<String> broken = new TreeSet<>();
        int links = 0;
        for (Path page : pages) {
            for (String target : links(page)) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue;
                }
                links++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path linked = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(linked)) {
                    broken.add(page + ": " + target + " (no such file)");
                    continue;
                }
                if (hash >= 0) {
                    String anchor = target.substring(hash + 1);
                    if (!linked.toString().endsWith(".md") || !anchors(linked).contains(anchor)) {
                        broken.add(page + ": " + target + " (no such heading)");
                    }
                }
            }
        }
        assertTrue(pages.contains(Path.of("README.md")) && pages.contains(Path.of("docs", "api.md")),
                "the pages were found: " + pages);
        assertTrue(links > 20, "links were found: " + links);
        assertEquals(Set.of(), broken);
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        List<String> lines = List.of("# Credit-score prediction service", "## POST /models/reload",
                "```bash", "# Make a key", "```", "## Retries: Idempotency-Key", "## Retries: Idempotency-Key",
                "## GET /api/v1/search?customer_id=ID and POST /api/v1/search {\"customer_id\": \"ID\"}");
        assertEquals(List.of("credit-score-prediction-service", "post-modelsreload", "retries-idempotency-key",
                "retries-idempotency-key-1", "get-apiv1searchcustomer_idid-and-post-apiv1search-customer_id-id"),
                anchors(lines));
    }

    @Test
    void linksInCodeAreNotLinks() {
        assertEquals(List.of("docs/api.md", "docs/models.md#reason-codes"), links(List.of(
                "See [`docs/api.md`](docs/api.md) and `[not](a-link)`.",
                "```", "[also not](missing.md)", "```",
                "[models](docs/models.md#reason-codes \"title\")")));
    }

    /** README.md, docs/*.md, and the README of each chart under helm/. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(Path.of("README.md"));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        try (Stream<Path> charts = Files.list(Path.of("helm"))) {
            charts.map(chart -> chart.resolve("README.md")).filter(Files::exists).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static List<String> links(Path page) throws IOException {
        return links(Files.readAllLines(page));
    }

    private static List<String> links(List<String> lines) {
        List<String> targets = new ArrayList<>();
        for (String line : proseLines(lines)) {
            Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
            while (link.find()) {
                targets.add(link.group(1));
            }
        }
        return targets;
    }

    private static List<String> anchors(Path page) throws IOException {
        List<String> anchors = ANCHORS.get(page);
        if (anchors == null) {
            anchors = anchors(Files.readAllLines(page));
            ANCHORS.put(page, anchors);
        }
        return anchors;
    }

    /**
     * GitHub's anchors: the heading's text in lower case, without what is neither a letter, a
     * digit, a space, a hyphen nor an underscore, spaces made hyphens; a repeated anchor gets
     * {@code -1}, {@code -2}, ...
     */
    private static List<String> anchors(List<String> lines) {
        List<String> anchors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : proseLines(lines)) {
            Matcher heading = HEADING.matcher(line);
            if (!heading.matches()) {
                continue;
            }
            String text = heading.group(1).replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
            String anchor = text.toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-');
            int times = seen.merge(anchor, 1, Integer::sum);
            anchors.add(times == 1 ? anchor : anchor + "-" + (times - 1));
        }
        return anchors;
    }

    /** The lines outside fenced code blocks. */
    private static List<String> proseLines(List<String> lines) {
        List<String> prose = new ArrayList<>();
        boolean inCode = false;
        for (String line : lines) {
            if (FENCE.matcher(line).find()) {
                inCode = !inCode;
                continue;
            }
            if (!inCode) {
                prose.add(line);
            }
        }
        return prose;
    }
}
