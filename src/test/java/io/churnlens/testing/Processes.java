package io.churnlens.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts child processes for integration tests, logs each to a file, and never leaves one running. */
public final class Processes implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();
    private final Path logDir;

    public Processes(Path logDir) throws IOException {
        this.logDir = Files.createDirectories(logDir);
    }

    public record Result(int exitCode, String output) {}

    /** Runs to completion (or kills it after the timeout) and returns exit code and combined output. */
    public Result run(String name, List<String> command, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        Process p = start(name, command, env);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(name + " did not finish within " + timeoutSeconds + " s; log: " + log(name));
        }
        return new Result(p.exitValue(), Files.readString(log(name)));
    }

    public Process start(String name, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log(name).toFile()).directory(new File(System.getProperty("user.dir")));
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    public Path log(String name) {
        return logDir.resolve(name + ".log");
    }

    /** Waits until the named process's log contains the text. */
    public void awaitLog(String name, String text, long timeoutSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log(name)) && Files.readString(log(name)).contains(text)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " did not log '" + text + "' within " + timeoutSeconds + " s:\n"
                + (Files.exists(log(name)) ? Files.readString(log(name)) : "(no log)"));
    }

    public static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The JVM flags Spark 4 needs on Java 17, as the surefire argLine passes them. */
    public static List<String> sparkJvmFlags() {
        List<String> flags = new ArrayList<>();
        for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-modules") || arg.startsWith("-XX:+IgnoreUnrecognized")
                    || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")) {
                flags.add(arg);
            }
        }
        return flags;
    }

    @Override
    public void close() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : started) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
