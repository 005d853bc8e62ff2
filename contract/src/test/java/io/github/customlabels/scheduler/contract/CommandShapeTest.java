package io.github.customlabels.scheduler.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command's wire shape: what the stack writes and validates, and the function reads, by one set of rules. */
class CommandShapeTest {

    @ParameterizedTest
    @ValueSource(strings = {"defects", "logos-2026", "a", "Z_9", "x123456789012345678901234567890123456789012345678901234567890123"})
    void acceptsModelNamesOfLettersDigitsDashAndUnderscoreUpTo64(String name) {
        assertTrue(CommandShape.isModelName(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-defects", "_x", "my model", "../etc", "a.b",
            "x1234567890123456789012345678901234567890123456789012345678901234"})
    void refusesOtherModelNames(String name) {
        assertFalse(CommandShape.isModelName(name), name);
    }

    @Test
    void scheduleNamesAreEventBridgeSchedulersAndModelNamesArePathSegments() {
        assertTrue(CommandShape.isScheduleName("weekday-warm-up.v2"));
        assertFalse(CommandShape.isScheduleName("warm up"));
        assertFalse(CommandShape.isScheduleName(null));
        assertFalse(CommandShape.isModelName(null));
    }

    @Test
    void everyApiBodyFieldIsACommandField() {
        assertTrue(CommandShape.FIELDS.containsAll(CommandShape.ACTION_BODY_FIELDS));
        assertTrue(CommandShape.FIELDS.containsAll(CommandShape.OVERRIDE_BODY_FIELDS));
        assertEquals(Set.copyOf(CommandShape.OVERRIDE_FIELDS),
                Set.of(CommandShape.KEEP_RUNNING_UNTIL, CommandShape.SKIP_STARTS_UNTIL));
        assertEquals(50, CommandShape.MAX_MODELS);
    }
}
