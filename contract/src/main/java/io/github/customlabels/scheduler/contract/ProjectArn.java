package io.github.customlabels.scheduler.contract;

import java.util.regex.Pattern;

/** Validation of Rekognition project ARNs, which differ from version ARNs by their own creation time. */
public final class ProjectArn {

    private static final Pattern PATTERN = Pattern.compile(
            "arn:[a-z\\d-]+:rekognition:[a-z\\d-]+:\\d{12}:project/[a-zA-Z0-9_.\\-]{1,255}/[0-9]+");

    private ProjectArn() {
    }

    /** True when the value follows the service's length and pattern rules for a ProjectArn. */
    public static boolean isValid(String value) {
        return value != null && value.length() >= 20 && value.length() <= 2048 && PATTERN.matcher(value).matches();
    }
}
