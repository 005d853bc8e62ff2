package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.contract.SchedulerConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The function's deployment package: the function jar's contents with the configuration document
 * ({@value SchedulerConfig#RESOURCE}) added at its root, where Lambda's Java runtime puts it on the class path.
 *
 * <p>The package is a new zip rather than a folder holding the jar under {@code lib/}: Lambda then unpacks exactly
 * the layout the packaged-function tests and the cold-start benchmark run (the jar's classes in the task root, the
 * document beside them), at the cost of recompressing the jar at each synth (about a second for the 12 MB jar).
 * Entries keep their times and the document gets a fixed one, so the same jar and configuration give the same
 * package, the same asset hash, and no new function version.
 *
 * @param jar the shaded function jar; tests pass a small stand-in so they do not need the real build
 */
public record FunctionPackage(Path jar) {

    /** A fixed time for the document's entry, in local date-time fields, so the zip does not depend on the time zone. */
    private static final LocalDateTime DOCUMENT_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    public FunctionPackage {
        Objects.requireNonNull(jar, "jar");
    }

    /** The package with {@code document} at its root, as a Lambda code asset. */
    public Code withConfiguration(String document) {
        try {
            Path folder = Files.createTempDirectory("custom-labels-scheduler-package");
            Path zip = folder.resolve("custom-labels-scheduler.jar");
            folder.toFile().deleteOnExit();
            zip.toFile().deleteOnExit();
            write(document, zip);
            // The CDK copies the file into the cloud assembly (cdk.out) here, so the temporary copy may go on exit.
            return Code.fromAsset(zip.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the function's deployment package from " + jar, e);
        }
    }

    /** Writes the jar's entries, except any document of its own, then the document. */
    void write(String document, Path zip) throws IOException {
        try (ZipFile in = new ZipFile(jar.toFile());
             OutputStream file = new BufferedOutputStream(Files.newOutputStream(zip));
             ZipOutputStream out = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().equals(SchedulerConfig.RESOURCE)) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTimeLocal(entry.getTimeLocal());
                out.putNextEntry(copy);
                try (InputStream content = in.getInputStream(entry)) {
                    content.transferTo(out);
                }
                out.closeEntry();
            }
            ZipEntry config = new ZipEntry(SchedulerConfig.RESOURCE);
            config.setTimeLocal(DOCUMENT_TIME);
            out.putNextEntry(config);
            out.write(document.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
