package io.weir.job.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code docker-compose.yml}: valid for docker-compose 1.29 ({@code config -q},
 * when the tool is installed; CI installs it and sets {@code WEIR_REQUIRE_DOCKER_COMPOSE} so that a
 * missing tool fails), images by tag from no named registry, and the files it mounts present.
 */
class DockerComposeFileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path FILE = ROOT.resolve("docker-compose.yml");

    @Test
    void docker_compose_accepts_the_file() throws Exception {
        Path tool = onPath("docker-compose");
        if (tool == null) {
            // CI installs the tool and sets this, so that losing it fails instead of skipping.
            assertTrue(
                    System.getenv("WEIR_REQUIRE_DOCKER_COMPOSE") == null,
                    "WEIR_REQUIRE_DOCKER_COMPOSE is set but docker-compose is not on the PATH"
                            + " (apt-get install -y docker-compose)");
            Assumptions.abort(
                    "docker-compose is not installed (apt-get install -y docker-compose)");
        }
        Process p =
                new ProcessBuilder(tool.toString(), "-f", FILE.toString(), "config", "-q")
                        .directory(ROOT.toFile())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "docker-compose config did not finish");
        assertEquals(0, p.exitValue(), "docker-compose config -q: " + out);
    }

    @Test
    void images_are_named_by_tag_without_a_registry() throws Exception {
        List<String> images = new ArrayList<>();
        for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
            String s = line.strip();
            if (s.startsWith("image:")) {
                images.add(s.substring("image:".length()).strip());
            }
        }
        assertFalse(images.isEmpty());
        for (String image : images) {
            int slash = image.indexOf('/');
            String first = slash < 0 ? "" : image.substring(0, slash);
            assertFalse(
                    first.contains(".") || first.contains(":") || first.equals("localhost"),
                    image + " names a registry");
            int colon = image.lastIndexOf(':');
            assertTrue(colon > slash && colon < image.length() - 1, image + " has no tag");
            assertFalse(image.contains("@"), image + " is pinned by digest, not by tag");
        }
    }

    @Test
    void mounted_and_built_files_exist() {
        for (String f :
                List.of(
                        "deploy/flink/config.yaml",
                        "deploy/weir/Dockerfile",
                        "deploy/weir/demo-rules.yml",
                        "deploy/grafana/provisioning/datasources/weir.yml",
                        "deploy/grafana/provisioning/dashboards/weir.yml",
                        "deploy/grafana/dashboards/weir-demo.json",
                        ".dockerignore")) {
            assertTrue(Files.isRegularFile(ROOT.resolve(f)), f + " is missing");
        }
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator, -1)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
