package io.github.customlabels.scheduler.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.customlabels.scheduler.infra.config.FunctionOptions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Every retention the configuration accepts deploys, and every finite retention CloudWatch offers is accepted. */
class LogRetentionTest {

    @Test
    void theAcceptedRetentionsAreExactlyTheFiniteOnesTheCdkKnows() {
        Set<RetentionDays> mapped = FunctionOptions.LOG_RETENTION_DAYS.stream()
                .map(LogRetention::days)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RetentionDays.class)));

        Set<RetentionDays> finite = Arrays.stream(RetentionDays.values())
                .filter(r -> r != RetentionDays.INFINITE)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RetentionDays.class)));
        assertEquals(finite, mapped);
        assertEquals(FunctionOptions.LOG_RETENTION_DAYS.size(), mapped.size(), "two retentions map to one period");
    }
}
