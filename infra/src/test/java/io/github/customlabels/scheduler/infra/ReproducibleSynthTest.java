package io.github.customlabels.scheduler.infra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * A deploy without a change publishes nothing: two synths of cdk.json's deployment, each in a JVM of its own (so
 * that {@code Map.of}'s and {@code Set.of}'s per-JVM iteration order gets its chance to differ, as it does between
 * two runs of {@code cdk synth}), write the same cloud assembly, byte for byte: templates, asset manifests, assets.
 */
class ReproducibleSynthTest {

    @Test
    void twoSynthsOfOneCommitWriteTheSameAssembly(@TempDir Path folder) throws Exception {
        Path first = synthInOwnJvm(folder.resolve("first"));
        Path second = synthInOwnJvm(folder.resolve("second"));

        List<Path> files = files(first);
        assertFalse(files.isEmpty());
        assertTrue(files.stream().anyMatch(f -> f.toString().endsWith(".template.json")), files.toString());
        assertEquals(files, files(second), "the assemblies hold different files (asset hashes differ)");
        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)),
                    file + " differs between two synths of one commit");
        }
    }

    private static Path synthInOwnJvm(Path outdir) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Synth.class.getName(), outdir.toString())
                .redirectErrorStream(true)
                .redirectOutput(outdir.resolveSibling(outdir.getFileName() + ".log").toFile())
                .start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "synth did not end");
        assertEquals(0, process.exitValue(),
                () -> readQuietly(outdir.resolveSibling(outdir.getFileName() + ".log")));
        return outdir;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The child JVM: synthesizes cdk.json's deployment, as the stack tests build it, into the given folder. */
    public static final class Synth {

        public static void main(String[] args) {
            App app = new App(AppProps.builder().context(TestStacks.featureFlags()).outdir(args[0]).build());
            TestStacks.stack(app, TestStacks.cdkJsonContext(), TestStacks.REGION);
            app.synth();
        }
    }
}
