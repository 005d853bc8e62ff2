package io.github.customlabels.benchmark.runner;

import java.nio.file.Path;
import java.util.Map;

/**
 * One function to measure: its jar (laid out as a task root), its handler string, its own environment, whether it
 * starts on SnapStart's init path, and the event file it is invoked with (relative to {@code events/}).
 */
record Variant(String label, Role role, Path jar, String handler, boolean snapStart, Map<String, String> environment,
               String event) {

    /** What a variant stands for in the report. */
    enum Role {
        OURS, OURS_SNAPSTART, OURS_API, OURS_API_SNAPSTART, REFERENCE, EXTRA
    }

    long jarBytes() {
        return jar.toFile().length();
    }
}
