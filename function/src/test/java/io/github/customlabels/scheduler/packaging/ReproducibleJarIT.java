package io.github.customlabels.scheduler.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Two builds of one commit give the same function jar, so the same asset hash and no new function version: the
 * jar's own entries (the function's classes, its manifest and Maven metadata) carry the project's fixed
 * {@code project.build.outputTimestamp}, never the time of the build; the dependencies' entries keep the times their
 * released jars give them. (`.ci/run` also builds the jar twice from clean and compares the bytes.)
 */
class ReproducibleJarIT {

    @Test
    void theJarsOwnEntriesCarryTheFixedBuildTimeNotTheBuilds() throws IOException {
        Instant fixed = Instant.parse(System.getProperty("project.build.outputTimestamp"));
        List<String> stamped = new ArrayList<>();
        int own = 0;
        try (ZipFile jar = new ZipFile(PackagedFunction.JAR.toFile())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                if (isOwn(entry.getName())) {
                    own++;
                    if (!entry.getLastModifiedTime().toInstant().equals(fixed)) {
                        stamped.add(entry.getName() + " at " + entry.getLastModifiedTime());
                    }
                }
            }
        }
        assertTrue(own > 50, "the function's own classes are in the jar: " + own);
        assertEquals(List.of(), stamped, "entries carrying another time than " + fixed);
    }

    private static boolean isOwn(String name) {
        return name.startsWith("io/github/customlabels/") || name.equals("META-INF/MANIFEST.MF")
                || name.startsWith("META-INF/maven/io.github.customlabels/");
    }
}
