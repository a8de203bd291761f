package fazt.core.js;

import fazt.core.Config;

/**
 * The limits of SPEC §4.1 and §13, read from settings: wall time, request and response size,
 * how many functions run at once and how many may wait, and how many requests a context serves
 * before it is replaced.
 */
public record FunctionLimits(long timeoutMs, long maxBodyBytes, long maxResponseBytes, int concurrency, int queue,
        int contextMaxUses) {
    public static FunctionLimits from(Config config) {
        int concurrency = config.getInt("functions_concurrency");
        if (concurrency <= 0) concurrency = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        return new FunctionLimits(config.getLong("functions_timeout_ms"), config.getLong("functions_max_body_bytes"),
                config.getLong("functions_max_response_bytes"), concurrency, config.getInt("functions_queue"), 1000);
    }
}
