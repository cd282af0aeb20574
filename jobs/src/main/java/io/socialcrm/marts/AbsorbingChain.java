package io.socialcrm.marts;

/**
 * Exact absorption probabilities of an absorbing Markov chain. With the transient-to-transient transition matrix
 * {@code Q} and the one-step probabilities {@code r} of entering a given absorbing state, the probabilities
 * {@code x} of ending in that state from each transient state satisfy {@code x = Q x + r}, i.e. {@code x = N r}
 * with the fundamental matrix {@code N = (I - Q)^-1}. They are found by solving {@code (I - Q) x = r} with Gaussian
 * elimination (partial pivoting), in plain Java: the chains here have one state per channel, a few hundred at most.
 */
public final class AbsorbingChain {
  private AbsorbingChain() {}

  /**
   * The probability of being absorbed in the target state from each transient state.
   *
   * @param q {@code q[i][j]}: probability of moving from transient state i to transient state j
   * @param r {@code r[i]}: probability of moving from transient state i straight into the target absorbing state
   * @throws IllegalArgumentException when the shapes differ or some transient state can never be left (then
   *     {@code I - Q} is singular and the chain is not absorbing)
   */
  public static double[] absorptionProbabilities(double[][] q, double[] r) {
    int n = r.length;
    if (q.length != n) {
      throw new IllegalArgumentException("Q is " + q.length + " rows, r has " + n);
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      if (q[i].length != n) {
        throw new IllegalArgumentException("Q row " + i + " has " + q[i].length + " columns, expected " + n);
      }
      for (int j = 0; j < n; j++) {
        a[i][j] = (i == j ? 1.0 : 0.0) - q[i][j];
      }
    }
    return solve(a, r.clone());
  }

  /** Solves {@code a x = b} in place (both arguments are overwritten). */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      if (Math.abs(a[pivot][col]) < 1e-12) {
        throw new IllegalArgumentException("I - Q is singular: a transient state is never left");
      }
      double[] rowTmp = a[col];
      a[col] = a[pivot];
      a[pivot] = rowTmp;
      double bTmp = b[col];
      b[col] = b[pivot];
      b[pivot] = bTmp;
      for (int row = col + 1; row < n; row++) {
        double f = a[row][col] / a[col][col];
        if (f != 0.0) {
          for (int k = col; k < n; k++) {
            a[row][k] -= f * a[col][k];
          }
          b[row] -= f * b[col];
        }
      }
    }
    double[] x = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double s = b[row];
      for (int k = row + 1; k < n; k++) {
        s -= a[row][k] * x[k];
      }
      x[row] = s / a[row][row];
    }
    return x;
  }
}
