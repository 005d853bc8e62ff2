package io.github.customlabels.benchmark.runner;

/**
 * What one fresh JVM of one variant measured. Times are in milliseconds, measured by the loopback Runtime API:
 * init from spawning the JVM to its first {@code next}; an invoke from handing its event out to the runtime
 * posting the outcome. For SnapStart, {@code beforeCheckpointMs} ends when the runtime reports the snapshot point
 * ({@code restore/next}, after the {@code beforeCheckpoint} hooks) and {@code afterRestoreMs} runs from there to
 * the first {@code next} (the {@code afterRestore} hooks). {@code primed}: the function logged that its priming ran.
 */
record RunResult(Variant variant, int run, double initMs, double firstInvokeMs, double warmP50Ms, double warmP99Ms,
                 double peakRssMb, double initCpuMs, double beforeCheckpointMs, double afterRestoreMs,
                 int rekognitionCallsDuringInit, int mutatingCallsDuringInit, int credentialFetches, boolean primed) {

    double coldTotalMs() {
        return initMs + firstInvokeMs;
    }
}
