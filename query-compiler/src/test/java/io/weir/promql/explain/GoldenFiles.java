package io.weir.promql.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/explain/}, one per feature. Run with {@code
 * -Dweir.golden.update=true} to rewrite them from the current output (then review the diff).
 */
final class GoldenFiles {
    static final String UPDATE = "weir.golden.update";
    private static final Path DIR = Path.of("src", "test", "resources", "explain");

    private GoldenFiles() {}

    static void check(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertTrue(
                    Files.isRegularFile(file),
                    "golden file "
                            + file
                            + " is missing; run with -D"
                            + UPDATE
                            + "=true to create it");
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertEquals(
                    expected,
                    actual,
                    "EXPLAIN differs from " + file + " (rerun with -D" + UPDATE + "=true)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
