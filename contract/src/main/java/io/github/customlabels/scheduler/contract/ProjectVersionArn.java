package io.github.customlabels.scheduler.contract;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A validated Rekognition Custom Labels model version ARN, and the parts this function needs from it. */
public record ProjectVersionArn(String value, String partition, String region, String account, String projectName,
                                String versionName) {

    /** The service's own bounds for ProjectVersionArn. */
    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 2048;

    private static final Pattern PATTERN = Pattern.compile(
            "arn:([a-z\\d-]+):rekognition:([a-z\\d-]+):(\\d{12}):project/([a-zA-Z0-9_.\\-]{1,255})"
                    + "/version/([a-zA-Z0-9_.\\-]{1,255})/[0-9]+");

    /** Parses an ARN; empty when it breaks the service's length or pattern rules. */
    public static Optional<ProjectVersionArn> parse(String value) {
        if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher m = PATTERN.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ProjectVersionArn(value, m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)));
    }

    @Override
    public String toString() {
        return value;
    }
}
