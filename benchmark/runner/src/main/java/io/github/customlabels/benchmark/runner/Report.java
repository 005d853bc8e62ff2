package io.github.customlabels.benchmark.runner;

import io.github.customlabels.benchmark.runner.Variant.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The Markdown report: medians per variant, median paired ratios against the reference, the targets, every run. */
final class Report {

    private static final double COLD_TOTAL_TARGET = 0.85;
    private static final double SNAPSTART_FIRST_INVOKE_TARGET = 0.15;
    private static final double JAR_MB_TARGET = 13.0;

    private final List<Variant> variants;
    private final List<RunResult> results;
    private final FunctionRun.Settings settings;
    private final int runs;
    private final String loadBefore;
    private final String loadAfter;

    Report(List<Variant> variants, List<RunResult> results, FunctionRun.Settings settings, int runs,
           String loadBefore, String loadAfter) {
        this.variants = variants;
        this.results = results;
        this.settings = settings;
        this.runs = runs;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark report\n\n");
        md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(cpuModel())
                .append("; Java ").append(System.getProperty("java.runtime.version")).append(" (")
                .append(System.getProperty("java.vm.name")).append("); load average ").append(loadBefore)
                .append(" before, ").append(loadAfter).append(" after\n");
        md.append("- Each function JVM: `java ").append(String.join(" ", settings.jvmFlags()))
                .append(" -classpath <runtime interface client 2.10.1 jars> ").append(FunctionRun.RUNTIME_MAIN)
                .append(" <handler>`, working directory = the unzipped jar (the task root)")
                .append(settings.extraJvmFlags().isEmpty() ? "" : "; **extra flags for this run: `"
                        + String.join(" ", settings.extraJvmFlags()) + "`**").append('\n');
        md.append("- ").append(runs).append(" paired runs (each: every variant once, order reversed on even runs) after one")
                .append(" discarded warm-up round; ").append(settings.warmInvokes()).append(" warm invokes per run after the first;")
                .append(" the event is `events/direct-start.json` (a command that starts one model, as a schedule sends it), and")
                .append(" `events/apigw-rest-start.json` for the `ours-api` rows (the same start through the REST API); the")
                .append(" reference takes the command only; Runtime API and Rekognition on loopback\n");
        md.append("- init = JVM spawn to the first `GET /next`; first invoke = event handed out to response posted;")
                .append(" cold total = init + first invoke; RSS = VmHWM; init CPU = user+sys time of the JVM at its first `/next`")
                .append(" (both cores count); MB = 10^6 bytes\n\n");

        md.append("## Medians\n\n");
        md.append("| variant | jar MB | init ms | first invoke ms | cold total ms | warm p50 ms | warm p99 ms | peak RSS MiB | init CPU ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Variant v : variants) {
            List<RunResult> rs = of(v);
            boolean snap = v.snapStart();
            md.append("| ").append(describe(v))
                    .append(" | ").append(f2(v.jarBytes() / 1e6))
                    .append(" | ").append(snap ? "(" + f0(med(rs, RunResult::initMs)) + ")" : f0(med(rs, RunResult::initMs)))
                    .append(" | ").append(f1(med(rs, RunResult::firstInvokeMs)))
                    .append(" | ").append(snap ? "n/a" : f0(med(rs, RunResult::coldTotalMs)))
                    .append(" | ").append(f2(med(rs, RunResult::warmP50Ms)))
                    .append(" | ").append(f2(med(rs, RunResult::warmP99Ms)))
                    .append(" | ").append(f0(med(rs, RunResult::peakRssMb)))
                    .append(" | ").append(snap ? "(" + f0(med(rs, RunResult::initCpuMs)) + ")" : f0(med(rs, RunResult::initCpuMs)))
                    .append(" |\n");
        }
        Variant snap = variant(Role.OURS_SNAPSTART);
        List<RunResult> snapRuns = of(snap);
        md.append("\nSnapStart row: there is no snapshot outside Lambda. The runtime interface client runs the")
                .append(" `beforeCheckpoint` hooks (the priming), calls `restore/next`, runs the `afterRestore` hooks and then")
                .append(" asks for the first event, all in one JVM; its init (in brackets) is what Lambda spends once, before the")
                .append(" snapshot: ").append(f0(med(snapRuns, RunResult::beforeCheckpointMs)))
                .append(" ms to `restore/next`, then ").append(f1(med(snapRuns, RunResult::afterRestoreMs)))
                .append(" ms of `afterRestore`. Its first invoke is measured after priming, as after a restore; the restore itself")
                .append(" (Lambda loading the snapshot) cannot be measured here and is not included.\n\n");

        md.append("## Ours ÷ reference, median of the ").append(runs).append(" paired ratios\n\n");
        List<Variant> others = variants.stream().filter(v -> v.role() != Role.REFERENCE).toList();
        md.append("| measure |");
        others.forEach(v -> md.append(' ').append(v.label()).append(" |"));
        md.append("\n|---|");
        others.forEach(v -> md.append("---:|"));
        md.append('\n');
        ratioRow(md, others, "init", RunResult::initMs, true);
        ratioRow(md, others, "first invoke", RunResult::firstInvokeMs, false);
        ratioRow(md, others, "cold total (init + first invoke)", RunResult::coldTotalMs, true);
        ratioRow(md, others, "warm p50", RunResult::warmP50Ms, false);
        ratioRow(md, others, "warm p99", RunResult::warmP99Ms, false);
        ratioRow(md, others, "peak RSS", RunResult::peakRssMb, false);
        ratioRow(md, others, "init CPU", RunResult::initCpuMs, true);
        md.append("| jar size |");
        Variant reference = variant(Role.REFERENCE);
        others.forEach(v -> md.append(' ').append(f2((double) v.jarBytes() / reference.jarBytes())).append(" |"));
        md.append("\n\n");

        md.append("## Targets\n\n| target | measured | met |\n|---|---:|:---:|\n");
        Variant ours = variant(Role.OURS);
        double coldRatio = pairedRatio(ours, RunResult::coldTotalMs);
        target(md, "cold total (init + first invoke, no SnapStart), command path, ≤ " + COLD_TOTAL_TARGET + "× the reference",
                f2(coldRatio) + "×", coldRatio <= COLD_TOTAL_TARGET);
        double apiColdRatio = pairedRatio(variant(Role.OURS_API), RunResult::coldTotalMs);
        md.append("| (reported) cold total, API path, against the reference's command path | ").append(f2(apiColdRatio))
                .append("× | |\n");
        double snapRatio = pairedRatio(snap, reference, RunResult::firstInvokeMs);
        target(md, "first invoke after a SnapStart-mode init ≤ " + SNAPSTART_FIRST_INVOKE_TARGET + "× the reference's cold first invoke",
                f2(snapRatio) + "× (" + f1(med(snapRuns, RunResult::firstInvokeMs)) + " ms vs "
                        + f1(med(of(reference), RunResult::firstInvokeMs)) + " ms)", snapRatio <= SNAPSTART_FIRST_INVOKE_TARGET);
        Variant apiSnap = variant(Role.OURS_API_SNAPSTART);
        double apiSnapRatio = pairedRatio(apiSnap, reference, RunResult::firstInvokeMs);
        md.append("| (reported) first invoke after a SnapStart-mode init, API path | ").append(f2(apiSnapRatio)).append("× (")
                .append(f1(med(of(apiSnap), RunResult::firstInvokeMs))).append(" ms) | |\n");
        double p50 = med(of(ours), RunResult::warmP50Ms);
        double referenceP50 = med(of(reference), RunResult::warmP50Ms);
        target(md, "warm p50 no worse than the reference's", f2(p50) + " ms vs " + f2(referenceP50) + " ms",
                p50 <= referenceP50);
        double jarMb = ours.jarBytes() / 1e6;
        target(md, "deployment jar ≤ " + (int) JAR_MB_TARGET + " MB", f2(jarMb) + " MB (" + ours.jarBytes() + " bytes; reference "
                + f2(reference.jarBytes() / 1e6) + " MB)", jarMb <= JAR_MB_TARGET);
        int initRequests = results.stream().filter(r -> r.variant().snapStart())
                .mapToInt(RunResult::rekognitionCallsDuringInit).sum();
        target(md, "zero Rekognition requests during a SnapStart-mode init (every SnapStart run)", initRequests + " requests",
                initRequests == 0);
        md.append('\n');

        md.append("## SnapStart init checks\n\n");
        md.append("- `restore/next` reached (so the `beforeCheckpoint` hooks returned) in ")
                .append(snapRuns.stream().filter(r -> !Double.isNaN(r.beforeCheckpointMs())).count()).append(" of ")
                .append(snapRuns.size()).append(" runs\n");
        md.append("- the function logged its priming (`snapstart priming`) in ")
                .append(snapRuns.stream().filter(RunResult::primed).count()).append(" of ").append(snapRuns.size())
                .append(" runs\n");
        md.append("- Rekognition requests before the first `/next`: ")
                .append(snapRuns.stream().mapToInt(RunResult::rekognitionCallsDuringInit).sum())
                .append(" in all runs, of which Start/Stop: ")
                .append(snapRuns.stream().mapToInt(RunResult::mutatingCallsDuringInit).sum()).append('\n');
        md.append("- container credential fetches per run (SnapStart credentials, no keys in the environment): ")
                .append(snapRuns.stream().map(r -> Integer.toString(r.credentialFetches())).distinct().toList()).append("\n\n");

        md.append("## Every run\n\n| run | variant | init ms | first invoke ms | warm p50 ms | warm p99 ms | peak RSS MiB | init CPU ms |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : results) {
            md.append("| ").append(r.run()).append(" | ").append(r.variant().label())
                    .append(" | ").append(f0(r.initMs())).append(" | ").append(f1(r.firstInvokeMs()))
                    .append(" | ").append(f2(r.warmP50Ms())).append(" | ").append(f2(r.warmP99Ms()))
                    .append(" | ").append(f0(r.peakRssMb())).append(" | ").append(f0(r.initCpuMs())).append(" |\n");
        }
        return md.toString();
    }

    private void ratioRow(StringBuilder md, List<Variant> others, String name, ToDoubleFunction<RunResult> measure,
                          boolean notForSnapStart) {
        md.append("| ").append(name).append(" |");
        for (Variant v : others) {
            md.append(' ').append(notForSnapStart && v.snapStart() ? "n/a" : f2(pairedRatio(v, measure))).append(" |");
        }
        md.append('\n');
    }

    private double pairedRatio(Variant v, ToDoubleFunction<RunResult> measure) {
        return pairedRatio(v, variant(Role.REFERENCE), measure);
    }

    /** The median over runs of (v's measure ÷ the reference's measure in the same run). */
    private double pairedRatio(Variant v, Variant reference, ToDoubleFunction<RunResult> measure) {
        return Stats.median(results.stream().filter(r -> r.variant() == v).mapToDouble(r -> {
            RunResult ref = results.stream().filter(x -> x.variant() == reference && x.run() == r.run()).findFirst().orElseThrow();
            return measure.applyAsDouble(r) / measure.applyAsDouble(ref);
        }).toArray());
    }

    private static void target(StringBuilder md, String target, String measured, boolean met) {
        md.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**").append(" |\n");
    }

    private static String describe(Variant v) {
        return switch (v.role()) {
            case OURS -> "ours, cold (`" + v.label() + "`)";
            case OURS_SNAPSTART -> "ours, SnapStart init path (`" + v.label() + "`)";
            case OURS_API -> "ours, API path, cold (`" + v.label() + "`)";
            case OURS_API_SNAPSTART -> "ours, API path, SnapStart init path (`" + v.label() + "`)";
            case REFERENCE -> "reference, cold (`" + v.label() + "`)";
            case EXTRA -> "ours variant, " + (v.snapStart() ? "SnapStart init path" : "cold") + " (`" + v.label() + "`)";
        };
    }

    private List<RunResult> of(Variant v) {
        return results.stream().filter(r -> r.variant() == v).toList();
    }

    private Variant variant(Role role) {
        return variants.stream().filter(v -> v.role() == role).findFirst().orElseThrow();
    }

    private static double med(List<RunResult> rs, ToDoubleFunction<RunResult> measure) {
        return Stats.median(rs, measure);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
