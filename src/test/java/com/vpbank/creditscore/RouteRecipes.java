package com.vpbank.creditscore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The YAML of a recipe of docs/routes.md, as the page shows it: the block after {@code <!-- recipe: NAME -->}. */
public final class RouteRecipes {

    private static final Path GUIDE = Path.of("docs/routes.md");

    private RouteRecipes() {
    }

    public static String yaml(String recipe) {
        List<String> lines;
        try {
            lines = Files.readAllLines(GUIDE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int marker = lines.indexOf("<!-- recipe: " + recipe + " -->");
        if (marker < 0 || !lines.get(marker + 1).equals("```yaml")) {
            throw new IllegalArgumentException(GUIDE + " has no recipe " + recipe + " followed by a yaml block");
        }
        StringBuilder yaml = new StringBuilder();
        for (String line : lines.subList(marker + 2, lines.size())) {
            if (line.equals("```")) {
                return yaml.toString();
            }
            yaml.append(line).append('\n');
        }
        throw new IllegalArgumentException(GUIDE + ": the recipe " + recipe + " is not closed");
    }

    /** The recipe's lines moved so that its first line starts at {@code indent}. */
    public static String indented(String recipe, String indent) {
        String yaml = yaml(recipe);
        int own = yaml.length() - yaml.stripLeading().length();
        StringBuilder moved = new StringBuilder();
        yaml.lines().forEach(line -> moved.append(indent).append(line.substring(Math.min(own, line.length()))).append('\n'));
        return moved.toString();
    }
}
