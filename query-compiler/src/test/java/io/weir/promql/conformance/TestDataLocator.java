package io.weir.promql.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds Prometheus's test scripts, which are read in place and never copied into the repository:
 * the system property {@code weir.promql.testdata}, else the environment variable {@code
 * WEIR_PROMQL_TESTDATA}, else {@code shared/promql-testdata} next to the repository root (for a
 * linked git worktree, next to the main worktree's root as well).
 */
public final class TestDataLocator {
    static final String PROPERTY = "weir.promql.testdata";
    static final String ENV = "WEIR_PROMQL_TESTDATA";

    /** Where the scripts are, or every place that was tried. */
    record Result(Optional<Path> dir, List<Path> tried) {}

    private TestDataLocator() {}

    /** The scripts' folder, found as {@link #locate()} finds it, or empty. */
    public static Optional<Path> folder() {
        return locate().dir();
    }

    static Result locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENV);
        }
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).toAbsolutePath().normalize();
            return new Result(Files.isDirectory(p) ? Optional.of(p) : Optional.empty(), List.of(p));
        }
        List<Path> tried = new ArrayList<>();
        Optional<Path> root = repositoryRoot(Path.of(System.getProperty("user.dir")));
        if (root.isPresent()) {
            tried.add(besideRoot(root.get()));
            mainWorktreeRoot(root.get()).ifPresent(main -> tried.add(besideRoot(main)));
        }
        for (Path p : tried) {
            if (Files.isDirectory(p)) {
                return new Result(Optional.of(p), tried);
            }
        }
        return new Result(Optional.empty(), tried);
    }

    private static Path besideRoot(Path root) {
        return root.resolveSibling("shared").resolve("promql-testdata").normalize();
    }

    /**
     * The top directory of the chain of directories holding a pom.xml that contains {@code start}.
     */
    static Optional<Path> repositoryRoot(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        Path root = null;
        while (dir != null && Files.isRegularFile(dir.resolve("pom.xml"))) {
            root = dir;
            dir = dir.getParent();
        }
        return Optional.ofNullable(root);
    }

    /**
     * For a linked worktree, whose {@code .git} is a file {@code gitdir: <main>/.git/worktrees/x},
     * the main worktree's root.
     */
    static Optional<Path> mainWorktreeRoot(Path root) {
        Path git = root.resolve(".git");
        if (!Files.isRegularFile(git)) {
            return Optional.empty();
        }
        try {
            String content = Files.readString(git, StandardCharsets.UTF_8).strip();
            if (!content.startsWith("gitdir:")) {
                return Optional.empty();
            }
            Path gitDir = root.resolve(content.substring("gitdir:".length()).strip()).normalize();
            // <main>/.git/worktrees/<name>
            Path worktrees = gitDir.getParent();
            if (worktrees == null || !worktrees.getFileName().toString().equals("worktrees")) {
                return Optional.empty();
            }
            Path dotGit = worktrees.getParent();
            return dotGit == null ? Optional.empty() : Optional.ofNullable(dotGit.getParent());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
