package io.socialcrm.orchestration.airflow;

import java.time.Duration;

/**
 * How often a request that failed for a passing reason (connection error, timeout, HTTP 5xx) is sent again:
 * up to {@code retries} more times, waiting {@code firstBackoff}, then twice as long before each next one. A 4xx
 * is never retried. The {@link Sleeper} does the waiting (and the polling of {@code waitFor}), so tests need not.
 */
public record RetryPolicy(int retries, Duration firstBackoff, Sleeper sleeper) {
  /** 3 retries after 0.5 s, 1 s and 2 s. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(500), Sleeper.REAL);

  public RetryPolicy {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be >= 0: " + retries);
    }
  }

  /** The wait before retry number {@code retry} (1 = the first retry). */
  public Duration backoff(int retry) {
    return firstBackoff.multipliedBy(1L << Math.min(retry - 1, 20));
  }

  /** Waits; {@link #REAL} sleeps the thread. */
  @FunctionalInterface
  public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
  }
}
