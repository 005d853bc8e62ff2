package io.github.customlabels.scheduler.rekognition;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * Where a region's Rekognition is: an endpoint set from outside (tests, local runs,
 * {@code AWS_ENDPOINT_URL_REKOGNITION}, {@code AWS_ENDPOINT_URL}) wins, as it does for the SDK's clients; else
 * {@code https://rekognition.<region>.<partition's DNS suffix>}, or {@code rekognition-fips} when
 * {@code AWS_USE_FIPS_ENDPOINT} is {@code true}. The partition's suffix comes from the SDK's region metadata.
 */
public final class RekognitionEndpoints {

    private final Optional<URI> override;
    private final boolean fips;

    private RekognitionEndpoints(Optional<URI> override, boolean fips) {
        this.override = override;
        this.fips = fips;
    }

    /** Every region's call goes to this endpoint. */
    public static RekognitionEndpoints fixed(URI endpoint) {
        return new RekognitionEndpoints(Optional.of(endpoint), false);
    }

    /** The SDK's environment settings for endpoints. */
    public static RekognitionEndpoints fromEnvironment(Map<String, String> env) {
        Optional<URI> override = Optional.empty();
        if (!"true".equalsIgnoreCase(env.getOrDefault("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").trim())) {
            override = setting(env, "AWS_ENDPOINT_URL_REKOGNITION").or(() -> setting(env, "AWS_ENDPOINT_URL"));
        }
        boolean fips = "true".equalsIgnoreCase(env.getOrDefault("AWS_USE_FIPS_ENDPOINT", "").trim());
        return new RekognitionEndpoints(override, fips);
    }

    /** The endpoint set from outside, if any: every region's calls go there. */
    public Optional<URI> override() {
        return override;
    }

    /** The endpoint for calls in this region. */
    public URI forRegion(String region) {
        return override.orElseGet(() -> URI.create("https://rekognition" + (fips ? "-fips." : ".") + region + "."
                + PartitionMetadata.of(Region.of(region)).dnsSuffix()));
    }

    private static Optional<URI> setting(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute URL such as https://host:port, not: "
                    + value);
        }
        return Optional.of(uri);
    }
}
