package io.github.customlabels.benchmark.runner;

import io.github.customlabels.benchmark.runner.RuntimeApiStub.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Starts one fresh function JVM under the runtime interface client, drives its invocations, measures, and kills it. */
final class FunctionRun {

    static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** What Lambda's managed Java runtime passes so that {@code org.crac} reaches the runtime's own CRaC context. */
    static final String CRAC_COMPAT = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";

    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);
    /** Function JVMs still running, killed if the benchmark itself is interrupted. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }
    private static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(30);

    private final Settings settings;

    /** What every run shares. */
    record Settings(String runtimeClasspath, Path logDir, Path events, int warmInvokes, int memoryMb, long clockTicksPerSecond,
                    List<String> extraJvmFlags) {

        /** The event a variant is invoked with. */
        String event(Variant variant) {
            try {
                return java.nio.file.Files.readString(events.resolve(variant.event())).strip();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Lambda's flags for the Java managed runtime, and a heap of 85 % of the function's memory. */
        List<String> jvmFlags() {
            return List.of("-XX:+UseSerialGC", "-Xshare:auto", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                    "-Xmx" + memoryMb * 85 / 100 + "m", CRAC_COMPAT, "-Djava.net.preferIPv4Stack=true");
        }
    }

    FunctionRun(Settings settings) {
        this.settings = settings;
    }

    RunResult run(Variant variant, Path taskRoot, int run) throws IOException, InterruptedException {
        AtomicReference<Process> process = new AtomicReference<>();
        AtomicLong initCpuTicks = new AtomicLong(-1);
        try (RekognitionStub rekognition = new RekognitionStub();
             RuntimeApiStub runtime = new RuntimeApiStub(at -> initCpuTicks.set(cpuTicks(process.get())))) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(settings.jvmFlags());
            command.addAll(settings.extraJvmFlags());
            command.addAll(List.of("-classpath", settings.runtimeClasspath(), RUNTIME_MAIN, variant.handler()));
            Path log = settings.logDir().resolve(variant.label() + "-" + run + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment(variant, taskRoot, runtime, rekognition));
            String event = settings.event(variant);

            CompletableFuture<Outcome> first = runtime.invoke(event);
            long spawned = System.nanoTime();
            process.set(builder.start());
            RUNNING.add(process.get());
            try {
                long firstNext = await(runtime.firstNext(), INIT_TIMEOUT, process.get(), runtime, log, "init");
                Outcome firstOutcome = await(first, INVOKE_TIMEOUT, process.get(), runtime, log, "first invoke");
                check(firstOutcome, variant, log);

                List<CompletableFuture<Outcome>> warm = new ArrayList<>();
                for (int i = 0; i < settings.warmInvokes(); i++) {
                    warm.add(runtime.invoke(event));
                }
                double[] latencies = new double[warm.size()];
                for (int i = 0; i < warm.size(); i++) {
                    Outcome outcome = await(warm.get(i), INVOKE_TIMEOUT, process.get(), runtime, log, "warm invoke " + i);
                    check(outcome, variant, log);
                    latencies[i] = outcome.latencyMs();
                }
                double peakRssMb = peakRssKb(process.get()) / 1024.0;
                if (!runtime.errors().isEmpty()) {
                    throw new IllegalStateException(variant.label() + ": the runtime reported " + runtime.errors() + "; see " + log);
                }

                List<RekognitionStub.Call> calls = rekognition.calls();
                long starts = calls.stream().filter(c -> c.operation().equals("StartProjectVersion")).count();
                if (starts != 1 + settings.warmInvokes()) {
                    throw new IllegalStateException(variant.label() + ": expected " + (1 + settings.warmInvokes())
                            + " StartProjectVersion calls, Rekognition saw " + starts + "; see " + log);
                }
                List<RekognitionStub.Call> duringInit = calls.stream().filter(c -> c.atNanos() < firstNext).toList();
                int mutating = (int) duringInit.stream()
                        .filter(c -> c.operation().startsWith("Start") || c.operation().startsWith("Stop")).count();
                long restoreNext = runtime.restoreNext().getNow(-1L);
                if (variant.snapStart() && restoreNext < 0) {
                    throw new IllegalStateException(variant.label() + ": the runtime never reached restore/next; see " + log);
                }
                return new RunResult(variant, run, ms(firstNext - spawned), firstOutcome.latencyMs(),
                        Stats.percentile(latencies, 50), Stats.percentile(latencies, 99), peakRssMb,
                        initCpuTicks.get() * 1000.0 / settings.clockTicksPerSecond(),
                        restoreNext < 0 ? Double.NaN : ms(restoreNext - spawned),
                        restoreNext < 0 ? Double.NaN : ms(firstNext - restoreNext),
                        duringInit.size(), mutating, rekognition.credentialFetches(),
                        Files.readString(log).contains("\"message\":\"snapstart priming\""));
            } finally {
                stop(process.get());
            }
        }
    }

    /** The environment Lambda gives a java17 function, the variant's own variables, and the loopback endpoints. */
    private static Map<String, String> environment(Variant variant, Path taskRoot, RuntimeApiStub runtime,
                                                   RekognitionStub rekognition) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("_HANDLER", variant.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "benchmark-" + variant.label());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", variant.snapStart() ? "1" : "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/benchmark");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/28/[$LATEST]0123456789abcdef0123456789abcdef");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        if (variant.snapStart()) {
            // SnapStart functions get no access keys in the environment: the container provider serves them.
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
            env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", rekognition.credentialsUri());
            env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", RekognitionStub.CREDENTIALS_TOKEN);
        } else {
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
            env.put("AWS_ACCESS_KEY_ID", "AKIDBENCHMARK");
            env.put("AWS_SECRET_ACCESS_KEY", "benchmark-secret");
            env.put("AWS_SESSION_TOKEN", "benchmark-session-token");
        }
        // Not Lambda's: the loopback Rekognition, and no AWS files from this machine.
        env.put("AWS_ENDPOINT_URL_REKOGNITION", rekognition.endpoint());
        env.put("AWS_CONFIG_FILE", taskRoot.resolveSibling("absent-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", taskRoot.resolveSibling("absent-aws-credentials").toString());
        env.putAll(variant.environment());
        return env;
    }

    private static void check(Outcome outcome, Variant variant, Path log) {
        if (outcome.failed()) {
            throw new IllegalStateException(variant.label() + ": the invocation failed: " + outcome.body() + "; see " + log);
        }
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout, Process process, RuntimeApiStub runtime,
                               Path log, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return future.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!runtime.errors().isEmpty()) {
                    throw new IllegalStateException(what + ": the runtime reported " + runtime.errors() + "; see " + log);
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException(what + ": the function's JVM exited with " + process.exitValue() + "; see " + log);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(what + ": nothing within " + timeout + "; see " + log);
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(what, e.getCause());
            }
        }
    }

    /** Peak resident set size (VmHWM) in kB, read while the process still runs. */
    private static long peakRssKb(Process process) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmHWM for " + process.pid());
    }

    /** User and system CPU time of every thread of the process so far, in clock ticks. */
    private static long cpuTicks(Process process) {
        if (process == null) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        RUNNING.remove(process);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
