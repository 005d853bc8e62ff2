package io.github.customlabels.scheduler.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The names of a model's check schedules: two per model, whatever the number of starts, so a newer start overwrites
 * the pending check and a stop deletes it by name, and nothing piles up. Odd checks of a start are scheduled in slot 1,
 * even ones in slot 2: a check never schedules its successor under its own name, which Scheduler is about to delete
 * now that it has fired. Scheduler allows 64 characters of {@code [0-9a-zA-Z-_.]}, for schedule and group names.
 */
public final class CheckScheduleName {

    static final String PREFIX = "verify-";
    /** The slot of a start's first check, and of its other odd ones. */
    public static final int FIRST_SLOT = 1;
    public static final int SECOND_SLOT = 2;
    static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[0-9a-zA-Z._-]+");

    private static final int HASH_HEX_CHARACTERS = 16;
    /** The group's suffix, which the stack's IAM and its cdk-nag suppression also match on. */
    public static final String GROUP_SUFFIX = "-verifications";

    private CheckScheduleName() {
    }

    /** The slot a check of a start is scheduled in. */
    public static int slotOf(int check) {
        return check % 2 == 1 ? FIRST_SLOT : SECOND_SLOT;
    }

    /**
     * {@code verify-<slot>-<model>}; a name too long or with other characters becomes {@code verify-<slot>-<its first
     * allowed characters>-<16 hex digits of its SHA-256>}, still readable and still one per model and slot.
     */
    public static String of(String model, int slot) {
        return name(PREFIX + slot + "-", model);
    }

    /** The name of the one-time schedule that publishes a model's notification: {@code notify-<model>}, likewise. */
    public static String notification(String model) {
        return name("notify-", model);
    }

    /**
     * The schedule group of a deployment's checks: {@code <stack>-verifications}; a stack name too long for Scheduler's
     * 64 characters (CloudFormation allows 128) keeps its first characters and 16 hex digits of its SHA-256, so two
     * long stack names that share a beginning still get groups of their own.
     */
    public static String group(String stackName) {
        String suffix = GROUP_SUFFIX;
        if (stackName.length() + suffix.length() <= MAX_LENGTH && ALLOWED.matcher(stackName).matches()) {
            return stackName + suffix;
        }
        String readable = stackName.replaceAll("[^0-9a-zA-Z._-]", "");
        int room = MAX_LENGTH - suffix.length() - 1 - HASH_HEX_CHARACTERS;
        String head = readable.length() > room ? readable.substring(0, room) : readable;
        return head + "-" + sha256(stackName).substring(0, HASH_HEX_CHARACTERS) + suffix;
    }

    private static String name(String prefix, String model) {
        // Names kept as they are are shorter than 64 characters; hashed ones are exactly 64, so the two never collide.
        if (prefix.length() + model.length() < MAX_LENGTH && ALLOWED.matcher(model).matches()) {
            return prefix + model;
        }
        String readable = model.replaceAll("[^0-9a-zA-Z._-]", "");
        int room = MAX_LENGTH - prefix.length() - 1 - HASH_HEX_CHARACTERS;
        String head = readable.length() > room ? readable.substring(0, room) : readable;
        // Padded so that every hashed name is exactly 64 characters long.
        String separator = "-".repeat(room - head.length() + 1);
        return prefix + head + separator + sha256(model).substring(0, HASH_HEX_CHARACTERS);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
