package io.github.customlabels.scheduler.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** An override as the tags on a model version: what Rekognition accepts, read back, and what an expiry leaves. */
class ModelOverrideTest {

    /** Rekognition's tag rules (AWS::Rekognition::Project Tag): no "aws:" key prefix, keys 128, values 256 at most. */
    private static final Pattern TAG_KEY = Pattern.compile("\\A(?!aws:)[a-zA-Z0-9+\\-=._:/@]{1,128}$");
    private static final Pattern TAG_VALUE = Pattern.compile("\\A[a-zA-Z0-9+\\-=._:/@]{0,256}$");

    private static final Instant TONIGHT = Instant.parse("2026-12-01T21:00:00Z");
    private static final Instant NEXT_MONDAY = Instant.parse("2026-12-07T05:00:00Z");

    @Test
    void writesTagsRekognitionAcceptsAndReadsThemBack() {
        ModelOverride override = new ModelOverride(Instant.parse("2026-12-01T21:00:00.750Z"), NEXT_MONDAY);

        Map<String, String> tags = override.toTags();

        assertEquals(Map.of(ModelOverride.KEEP_RUNNING_TAG, "2026-12-01T21:00:00Z",
                ModelOverride.SKIP_STARTS_TAG, "2026-12-07T05:00:00Z"), tags);
        tags.forEach((key, value) -> {
            assertTrue(TAG_KEY.matcher(key).matches(), key);
            assertTrue(TAG_VALUE.matcher(value).matches(), value);
        });
        assertEquals(new ModelOverride(TONIGHT, NEXT_MONDAY), ModelOverride.fromTags(tags));
    }

    @Test
    void anEndThatHasPassedIsNoOverride() {
        ModelOverride override = new ModelOverride(TONIGHT, NEXT_MONDAY);

        assertEquals(new ModelOverride(null, NEXT_MONDAY), override.inForceAt(TONIGHT));
        assertTrue(override.inForceAt(NEXT_MONDAY).isEmpty());
    }

    @Test
    void aTagEditedByHandIntoSomethingElseCountsAsAbsentAndOtherTagsAreIgnored() {
        ModelOverride read = ModelOverride.fromTags(Map.of(ModelOverride.KEEP_RUNNING_TAG, "tonight",
                ModelOverride.SKIP_STARTS_TAG, "2026-12-07T05:00:00Z", "team", "quality"));

        assertEquals(new ModelOverride(null, NEXT_MONDAY), read);
    }

    @Test
    void anOverrideWithOneEndRemovesTheOtherEndsTag() {
        assertEquals(List.of(ModelOverride.SKIP_STARTS_TAG), new ModelOverride(TONIGHT, null).absentTags());
        assertEquals(List.of(), new ModelOverride(TONIGHT, NEXT_MONDAY).absentTags());
    }
}
