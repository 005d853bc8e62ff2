package io.github.customlabels.scheduler.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration document the stack writes and the function reads at init. */
class SchedulerConfigTest {

    private static final String DEFECTS_ARN =
            "arn:aws:rekognition:eu-west-1:123456789012:project/defects/version/defects.2026-11-01/1761955200000";
    private static final String DOCUMENT = "{\"models\":{\"defects\":{\"projectVersionArn\":\"" + DEFECTS_ARN + "\","
            + "\"minInferenceUnits\":2,\"maxInferenceUnits\":3,\"inferenceUnitCeiling\":4}},"
            + "\"defaultCommand\":{\"action\":\"stop\",\"models\":[\"defects\"]},"
            + "\"idleStopAlarms\":{\"CustomLabelsScheduler-defects-idle\":[\"defects\"]},"
            + "\"schedules\":[{\"name\":\"weekday-warm-up\",\"cron\":\"0 7 ? * MON-FRI *\","
            + "\"timezone\":\"Europe/Berlin\",\"action\":\"start\",\"models\":[\"defects\"]}],"
            + "\"overrides\":{\"maxDays\":7}}";

    @TempDir
    Path folder;

    @Test
    void readsModelsDefaultCommandAndIdleStopAlarms() {
        SchedulerConfig config = SchedulerConfig.parse(DOCUMENT, "test");

        ModelConfig defects = config.models().byName("defects").orElseThrow();
        assertEquals(DEFECTS_ARN, defects.projectVersionArn().value());
        assertEquals(2, defects.minInferenceUnits());
        assertEquals(3L, defects.maxInferenceUnits());
        assertEquals(4, defects.inferenceUnitCeiling());
        assertEquals(Optional.empty(), defects.projectArn());
        assertEquals("{\"action\":\"stop\",\"models\":[\"defects\"]}", config.defaultCommand().orElseThrow());
        assertEquals(Map.of("CustomLabelsScheduler-defects-idle", List.of("defects")), config.idleStopAlarms());
    }

    @Test
    void writesTheDocumentItReads() {
        SchedulerConfig config = SchedulerConfig.parse(DOCUMENT, "test");

        SchedulerConfig read = SchedulerConfig.parse(config.toJson(), "written");

        assertEquals(config.models().all(), read.models().all());
        assertEquals(config.defaultCommand(), read.defaultCommand());
        assertEquals(config.idleStopAlarms(), read.idleStopAlarms());
        assertEquals(config.schedules().get(0).cron().expression(), read.schedules().get(0).cron().expression());
        assertEquals(Duration.ofDays(7), read.maxOverride());
        assertEquals(DOCUMENT, config.toJson());
    }

    @Test
    void loadsTheFileTheEnvironmentNames() throws IOException {
        Path file = Files.writeString(folder.resolve("config.json"), DOCUMENT);

        SchedulerConfig config = SchedulerConfig.load(Map.of(SchedulerConfig.FILE_VARIABLE, file.toString()));

        assertTrue(config.models().byName("defects").isPresent());
    }

    @Test
    void failsInitNamingAMissingConfiguration() {
        var missingFile = assertThrows(IllegalStateException.class, () -> SchedulerConfig.load(
                Map.of(SchedulerConfig.FILE_VARIABLE, folder.resolve("absent.json").toString())));
        assertTrue(missingFile.getMessage().contains("absent.json, which does not exist"), missingFile.getMessage());

        var notPackaged = assertThrows(IllegalStateException.class, () -> SchedulerConfig.load(Map.of()));
        assertTrue(notPackaged.getMessage().contains("scheduler-config.json is not in the deployment package"),
                notPackaged.getMessage());
    }

    @Test
    void failsInitNamingTheBrokenKey() {
        var badArn = assertThrows(IllegalStateException.class, () -> SchedulerConfig.parse(
                DOCUMENT.replace(DEFECTS_ARN, "arn:aws:s3:::bucket"), "scheduler-config.json"));
        assertEquals("scheduler-config.json: models.defects.projectVersionArn is not a project version ARN",
                badArn.getMessage());

        var badUnits = assertThrows(IllegalStateException.class, () -> SchedulerConfig.parse(
                DOCUMENT.replace("\"minInferenceUnits\":2", "\"minInferenceUnits\":0"), "scheduler-config.json"));
        assertEquals("scheduler-config.json: models.defects.minInferenceUnits must be an integer from 1 to 2147483647",
                badUnits.getMessage());

        var notJson = assertThrows(IllegalStateException.class, () -> SchedulerConfig.parse("{", "scheduler-config.json"));
        assertTrue(notJson.getMessage().startsWith("scheduler-config.json is not valid JSON"), notJson.getMessage());
    }

    @Test
    void acceptsTheOverrideBoundSynthAcceptsAndNoMore() {
        String year = DOCUMENT.replace("\"maxDays\":7", "\"maxDays\":" + SchedulerConfig.MAX_OVERRIDE_DAYS);
        String longer = DOCUMENT.replace("\"maxDays\":7", "\"maxDays\":" + (SchedulerConfig.MAX_OVERRIDE_DAYS + 1));

        assertEquals(Duration.ofDays(365), SchedulerConfig.parse(year, "test").maxOverride());
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> SchedulerConfig.parse(longer, "test"));
        assertTrue(error.getMessage().contains("overrides.maxDays must be a whole number of days from 1 to 365"),
                error.getMessage());
    }

    @Test
    void aModelWithoutCeilingIsCappedAtItsOwnMaximumElseItsMinimum() {
        assertEquals(4, ModelConfig.defaultCeiling(1, 4L));
        assertEquals(2, ModelConfig.defaultCeiling(2, null));
        String noCeiling = DOCUMENT.replace(",\"inferenceUnitCeiling\":4", "");

        assertEquals(3, SchedulerConfig.parse(noCeiling, "test").models().byName("defects").orElseThrow()
                .inferenceUnitCeiling());
    }
}
