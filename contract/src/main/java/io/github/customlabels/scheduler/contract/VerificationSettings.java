package io.github.customlabels.scheduler.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How starts are verified, as the stack sets it in the function's environment: where the checks are scheduled, the
 * role Scheduler invokes the function with, and the timings from {@code cdk.json} ({@code verification}).
 *
 * @param scheduleGroup the schedule group of this deployment's checks
 * @param schedulerRoleArn the role EventBridge Scheduler assumes to invoke the function's alias
 * @param deadLetterArn the queue a check that cannot be delivered goes to, or null for none
 * @param targetAlias the alias the checks invoke (the one every trigger invokes)
 * @param firstCheckAfter the wait from a start to its first check
 * @param checkEvery the wait between checks while the model is STARTING
 * @param timeout the time from a start by which the model must be RUNNING
 * @param topicArn the SNS topic a start that failed is notified on, if any
 */
public record VerificationSettings(String scheduleGroup, String schedulerRoleArn, String deadLetterArn,
                                   String targetAlias, Duration firstCheckAfter, Duration checkEvery, Duration timeout,
                                   Optional<String> topicArn) {

    public static final String GROUP_VARIABLE = "VERIFICATION_SCHEDULE_GROUP";
    public static final String ROLE_VARIABLE = "VERIFICATION_ROLE_ARN";
    public static final String DEAD_LETTER_VARIABLE = "VERIFICATION_DEAD_LETTER_ARN";
    public static final String ALIAS_VARIABLE = "VERIFICATION_TARGET_ALIAS";
    public static final String FIRST_CHECK_VARIABLE = "VERIFICATION_FIRST_CHECK_MINUTES";
    public static final String CHECK_EVERY_VARIABLE = "VERIFICATION_CHECK_EVERY_MINUTES";
    public static final String TIMEOUT_VARIABLE = "VERIFICATION_TIMEOUT_MINUTES";
    public static final String TOPIC_VARIABLE = "ALARM_TOPIC_ARN";

    /** The defaults, also the stack's: most models are RUNNING 10 to 30 minutes after their start. */
    public static final int DEFAULT_FIRST_CHECK_MINUTES = 10;
    public static final int DEFAULT_CHECK_EVERY_MINUTES = 5;
    public static final int DEFAULT_TIMEOUT_MINUTES = 40;
    /** The bounds the stack validates at synth; the function refuses anything else at init. */
    public static final int MIN_MINUTES = 1;
    public static final int MAX_TIMEOUT_MINUTES = 24 * 60;

    private static final Pattern GROUP = Pattern.compile("[0-9a-zA-Z._-]{1,64}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern QUEUE_ARN = Pattern.compile("arn:aws[a-z-]*:sqs:[a-z0-9-]+:\\d{12}:[\\w-]{1,80}");
    private static final Pattern TOPIC_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[\\w-]{1,256}");
    private static final Pattern ALIAS = Pattern.compile("[a-zA-Z0-9_-]{1,128}");

    /**
     * The settings from the environment, or empty when {@value #GROUP_VARIABLE} is not set (local runs, tests of other
     * things): starts are then not followed up. A deployment always sets it; a broken value fails init, naming it.
     */
    public static Optional<VerificationSettings> fromEnvironment(Map<String, String> env) {
        String group = env.get(GROUP_VARIABLE);
        if (group == null || group.isBlank()) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        check(GROUP_VARIABLE, group, GROUP, problems);
        String role = env.getOrDefault(ROLE_VARIABLE, "");
        check(ROLE_VARIABLE, role, ROLE_ARN, problems);
        String deadLetter = blankToNull(env.get(DEAD_LETTER_VARIABLE));
        if (deadLetter != null) {
            check(DEAD_LETTER_VARIABLE, deadLetter, QUEUE_ARN, problems);
        }
        String alias = env.getOrDefault(ALIAS_VARIABLE, "");
        check(ALIAS_VARIABLE, alias, ALIAS, problems);
        String topic = blankToNull(env.get(TOPIC_VARIABLE));
        if (topic != null) {
            check(TOPIC_VARIABLE, topic, TOPIC_ARN, problems);
        }
        int first = minutes(env, FIRST_CHECK_VARIABLE, DEFAULT_FIRST_CHECK_MINUTES, problems);
        int every = minutes(env, CHECK_EVERY_VARIABLE, DEFAULT_CHECK_EVERY_MINUTES, problems);
        int timeout = minutes(env, TIMEOUT_VARIABLE, DEFAULT_TIMEOUT_MINUTES, problems);
        if (problems.isEmpty() && first >= timeout) {
            problems.add(FIRST_CHECK_VARIABLE + " (" + first + ") must be less than " + TIMEOUT_VARIABLE + " ("
                    + timeout + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("start verification is misconfigured: " + String.join("; ", problems));
        }
        return Optional.of(new VerificationSettings(group, role, deadLetter, alias, Duration.ofMinutes(first),
                Duration.ofMinutes(every), Duration.ofMinutes(timeout), Optional.ofNullable(topic)));
    }

    private static void check(String variable, String value, Pattern pattern, List<String> problems) {
        if (!pattern.matcher(value).matches()) {
            problems.add(variable + " must match " + pattern.pattern() + ", got \"" + value + "\"");
        }
    }

    private static int minutes(Map<String, String> env, String variable, int defaultMinutes, List<String> problems) {
        String value = blankToNull(env.get(variable));
        if (value == null) {
            return defaultMinutes;
        }
        try {
            int minutes = Integer.parseInt(value.trim());
            if (minutes >= MIN_MINUTES && minutes <= MAX_TIMEOUT_MINUTES) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(variable + " must be a whole number of minutes from " + MIN_MINUTES + " to " + MAX_TIMEOUT_MINUTES
                + ", got \"" + value + "\"");
        return defaultMinutes;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
