package io.weir.promql;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The language core is pure: no class of {@code io.weir.promql} may depend on Flink, Kafka, RocksDB
 * or HTTP code. Those belong in the modules that translate plans to jobs and serve the API.
 */
class LayeringTest {
    private static final String[] HTTP_PACKAGES = {
        "com.sun.net.httpserver..",
        "java.net.http..",
        "jakarta.servlet..",
        "javax.servlet..",
        "org.eclipse.jetty..",
        "io.netty..",
        "io.undertow..",
        "io.javalin..",
        "okhttp3..",
        "org.apache.http..",
        "org.apache.hc.."
    };

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.weir.promql");
    }

    @Test
    void coreDoesNotDependOnFlink() {
        forbid("Flink", "org.apache.flink..").check(core);
    }

    @Test
    void coreDoesNotDependOnKafka() {
        forbid("Kafka", "org.apache.kafka..").check(core);
    }

    @Test
    void coreDoesNotDependOnRocksDb() {
        forbid("RocksDB", "org.rocksdb..").check(core);
    }

    @Test
    void coreDoesNotDependOnHttp() {
        forbid("HTTP", HTTP_PACKAGES).check(core);
    }

    /**
     * PromQL regular expressions have RE2 semantics and must match in linear time, whatever a user
     * writes: {@code java.util.regex} backtracks (and differs in syntax), so only RE2/J is allowed.
     */
    @Test
    void coreUsesRe2NotJavaRegex() {
        forbid("java.util.regex (use com.google.re2j)", "java.util.regex..").check(core);
    }

    /** The production classes of the core are found at all, so the rules above are not vacuous. */
    @Test
    void coreClassesAreImported() {
        if (!core.contain("io.weir.promql.PromqlException")) {
            throw new AssertionError("io.weir.promql classes were not imported");
        }
    }

    /** The rule catches a violation: a class of the core that uses the JDK's HTTP client. */
    @Test
    void ruleRejectsAnHttpDependency() {
        JavaClasses offender = new ClassFileImporter().importClasses(UsesHttpClient.class);
        AssertionError e =
                assertThrows(
                        AssertionError.class, () -> forbid("HTTP", HTTP_PACKAGES).check(offender));
        assertTrue(e.getMessage().contains("java.net.http.HttpClient"), e.getMessage());
    }

    /** A deliberate violation for {@link #ruleRejectsAnHttpDependency()}. */
    static final class UsesHttpClient {
        java.net.http.HttpClient client() {
            return java.net.http.HttpClient.newHttpClient();
        }
    }

    private static ArchRule forbid(String what, String... packages) {
        return noClasses()
                .that()
                .resideInAPackage("io.weir.promql..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packages)
                .as("the PromQL core must not depend on " + what + " code")
                .allowEmptyShould(false);
    }
}
