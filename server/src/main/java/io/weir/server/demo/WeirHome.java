package io.weir.server.demo;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where the built pieces of Weir are: the repository the running {@code weir} was built in, from
 * which the job jar ({@code job/target/weir-job.jar}) and the demo's runtime classpaths ({@code
 * server/target/demo/*.classpath}, resolved by the server module's build) are taken. {@code
 * WEIR_HOME} overrides it.
 */
public final class WeirHome {
    private final Path root;

    private WeirHome(Path root) {
        this.root = root;
    }

    public static WeirHome at(Path root) {
        return new WeirHome(root.toAbsolutePath().normalize());
    }

    /**
     * {@code WEIR_HOME}, else three levels above the running code: {@code server/target/weir.jar}
     * and {@code server/target/classes} both sit there.
     */
    public static WeirHome find() {
        String env = System.getenv("WEIR_HOME");
        if (env != null && !env.isBlank()) {
            return at(Path.of(env));
        }
        CodeSource source = WeirHome.class.getProtectionDomain().getCodeSource();
        try {
            Path code = Path.of(source.getLocation().toURI());
            Path target = code.getParent();
            if (target != null
                    && target.getParent() != null
                    && target.getParent().getParent() != null) {
                return at(target.getParent().getParent());
            }
        } catch (URISyntaxException | IllegalArgumentException | NullPointerException e) {
            // fall through to the working directory
        }
        return at(Path.of(""));
    }

    public Path root() {
        return root;
    }

    /** The shaded job jar, if the job module has been packaged. */
    public Optional<Path> jobJar() {
        Path jar = root.resolve("job/target/weir-job.jar");
        return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    }

    /** The classpath of a demo runtime ({@code kafka} or {@code flink}), as a path string. */
    public String classpath(String runtime) throws IOException {
        Path file = root.resolve("server/target/demo/" + runtime + ".classpath");
        if (!Files.isRegularFile(file)) {
            throw new IOException(
                    file + " is missing: build Weir with 'mvn -B package -DskipTests' in " + root);
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /** The hint printed when a piece is missing. */
    public String buildHint() {
        return "build Weir with 'mvn -B package -DskipTests' in " + root;
    }
}
