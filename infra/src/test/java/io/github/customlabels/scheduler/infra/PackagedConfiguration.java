package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.contract.SchedulerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.services.s3.assets.Asset;

/** Reads what a synthesized stack packaged for the function: the asset in the cloud assembly, as Lambda gets it. */
final class PackagedConfiguration {

    private PackagedConfiguration() {
    }

    /** The staged deployment package of the stack's function. */
    static Path packageOf(SchedulerStack stack) {
        Asset asset = (Asset) stack.function().getNode().findChild("Code");
        return Path.of(Stage.of(stack).getAssetOutdir(), asset.getAssetPath());
    }

    /** The configuration document at the package's root, as text. */
    static String documentOf(SchedulerStack stack) {
        try (ZipFile zip = new ZipFile(packageOf(stack).toFile())) {
            ZipEntry entry = zip.getEntry(SchedulerConfig.RESOURCE);
            if (entry == null) {
                throw new AssertionError(SchedulerConfig.RESOURCE + " is not at the root of " + packageOf(stack));
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document read the way the function reads it at init. */
    static SchedulerConfig read(SchedulerStack stack) {
        return SchedulerConfig.parse(documentOf(stack), SchedulerConfig.RESOURCE);
    }
}
