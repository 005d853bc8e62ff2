package io.github.customlabels.scheduler.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Names of the checks' schedules and of their group, within Scheduler's 64 characters of [0-9a-zA-Z-_.]. */
class CheckScheduleNameTest {

    private static final String SCHEDULER_NAME = "[0-9a-zA-Z._-]{1,64}";

    @Test
    void namesTheGroupAfterTheStackWhenItFits() {
        assertEquals("CustomLabelsScheduler-verifications", CheckScheduleName.group("CustomLabelsScheduler"));
        String fifty = "a".repeat(50);
        assertEquals(fifty + "-verifications", CheckScheduleName.group(fifty));
    }

    @Test
    void shortensTheGroupOfALongStackNameAndKeepsTwoSuchStacksApart() {
        String longName = "CustomLabelsScheduler-production-eu-west-1-team-vision-quality-inspection";
        String group = CheckScheduleName.group(longName);
        String other = CheckScheduleName.group(longName + "-2");

        assertTrue(group.matches(SCHEDULER_NAME), group);
        assertEquals(64, group.length());
        assertTrue(group.startsWith("CustomLabelsScheduler-production-"), group);
        assertTrue(group.endsWith(CheckScheduleName.GROUP_SUFFIX), group);
        assertTrue(other.matches(SCHEDULER_NAME), other);
        assertNotEquals(group, other);
        assertEquals(group, CheckScheduleName.group(longName));
    }

    @Test
    void hashesAModelNameTooLongForAScheduleName() {
        String model = "m".repeat(64);

        String name = CheckScheduleName.of(model, CheckScheduleName.FIRST_SLOT);

        assertTrue(name.matches(SCHEDULER_NAME), name);
        assertTrue(name.startsWith("verify-1-mmm"), name);
        assertNotEquals(name, CheckScheduleName.of(model, CheckScheduleName.SECOND_SLOT));
    }
}
