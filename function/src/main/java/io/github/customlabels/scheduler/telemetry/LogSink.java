package io.github.customlabels.scheduler.telemetry;

/**
 * Where structured log lines go. In Lambda that is standard output: each line is one JSON object, which
 * CloudWatch Logs keeps as it is, and from which it extracts Embedded Metric Format metrics.
 */
@FunctionalInterface
public interface LogSink {

    /** Standard output, as Lambda captures it. */
    LogSink STDOUT = System.out::println;

    void write(String jsonLine);
}
