package io.weir.server.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines of the Java processes the demo starts, with the running JVM's {@code java}. */
final class JavaCommand {
    private JavaCommand() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java <jvm options> -cp <classpath> <main> <args>}. */
    static List<String> of(String classpath, List<String> jvm, String main, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(main);
        cmd.addAll(args);
        return cmd;
    }

    /** The classpath of the running {@code weir}: the server and the generator run from it. */
    static String ownClasspath() {
        return System.getProperty("java.class.path");
    }
}
