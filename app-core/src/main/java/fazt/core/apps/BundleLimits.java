package fazt.core.apps;

import fazt.core.Config;

/**
 * What a deploy may contain (SPEC §3.2). A single entry whose expanded size passes
 * {@link #RATIO_CHECK_FROM} bytes must not expand more than {@code maxRatio} times its compressed
 * size; smaller entries cannot be bombs under the total limit, and text often compresses past 100:1.
 */
public record BundleLimits(long maxUploadBytes, long maxExpandedBytes, int maxFiles, int maxRatio) {
    public static final long RATIO_CHECK_FROM = 1024 * 1024;

    public static BundleLimits defaults() {
        return new BundleLimits(100L * 1024 * 1024, 500L * 1024 * 1024, 20_000, 100);
    }

    /** The limits as this instance's settings say; the expansion ratio is not a setting. */
    public static BundleLimits from(Config config) {
        return new BundleLimits(config.getLong("max_upload_bytes"), config.getLong("max_expanded_bytes"),
                config.getInt("max_files"), defaults().maxRatio());
    }
}
