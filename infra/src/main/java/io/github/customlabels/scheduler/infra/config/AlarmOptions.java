package io.github.customlabels.scheduler.infra.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the operational alarms (function errors and throttles, dead letters) notify: an existing SNS topic, an email
 * address the stack subscribes to a topic of its own, or nobody (the alarms still show in CloudWatch). Never both.
 *
 * @param topicArn null unless notifications go to an existing topic
 * @param email null unless the stack creates a topic with this email subscription
 */
public record AlarmOptions(String topicArn, String email) {

    static final AlarmOptions DEFAULTS = new AlarmOptions(null, null);

    /** An SNS topic ARN (a FIFO topic is refused by the parser); the groups are the partition, region, account and name. */
    static final Pattern TOPIC_ARN = Pattern.compile(
            "^arn:(aws(?:-[a-z]+)*):sns:([a-z]{2}(?:-[a-z]+)+-\\d+):(\\d{12}):([A-Za-z0-9_-]{1,256}(?:\\.fifo)?)$");

    public AlarmOptions {
        if (topicArn != null && email != null) {
            throw new IllegalArgumentException("topicArn and email exclude each other");
        }
        if (topicArn != null && !TOPIC_ARN.matcher(topicArn).matches()) {
            throw new IllegalArgumentException("not an SNS topic ARN: " + topicArn);
        }
    }

    public Optional<String> topicArnIfConfigured() {
        return Optional.ofNullable(topicArn);
    }

    public Optional<String> emailIfConfigured() {
        return Optional.ofNullable(email);
    }

    /** The configured topic's region: a CloudWatch alarm can only notify a topic in its own region. */
    public Optional<String> topicRegion() {
        return topicArnIfConfigured().map(arn -> {
            Matcher matcher = TOPIC_ARN.matcher(arn);
            if (!matcher.matches()) {
                throw new IllegalStateException("checked in the constructor");
            }
            return matcher.group(2);
        });
    }
}
