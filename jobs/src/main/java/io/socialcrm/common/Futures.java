package io.socialcrm.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waiting for a step's pieces of work run at once on driver threads (ingest's inputs): a failure is rethrown as it
 * was (a {@link SocialCrmException} stays one), and only once every piece has ended, so no piece is left running.
 *
 * <p>Only ingest runs pieces at once. Running the marts' independent groups at once, and conform's silver tables,
 * was tried on the 2-core machine and made neither faster (README, "Speed"): past ingest a night keeps both cores
 * busy, so concurrent jobs only contend.
 */
public final class Futures {
  private Futures() {}

  /** Every future's result, in order; waits for all before rethrowing the first failure. */
  public static <T> List<T> all(List<Future<T>> futures) {
    List<T> out = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<T> f : futures) {
      try {
        out.add(get(f));
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return out;
  }

  /** A future's result; its failure rethrown unwrapped. */
  public static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
