package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AbsorbingChainTest {

  @Test
  void drunkardsWalkAbsorbsAtTheRightEndInProportionToTheStartingCorner() {
    // Grinstead & Snell, "Introduction to Probability", 11.2: walk on 0..4, absorbing at 0 and 4, step +-1 with
    // probability 1/2. Transient states 1, 2, 3. N = (I - Q)^-1 = [[3/2, 1, 1/2], [1, 2, 1], [1/2, 1, 3/2]];
    // B = N R gives absorption at 4 from 1, 2, 3: 1/4, 1/2, 3/4.
    double[][] q = {{0, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0}};
    double[] toFour = {0, 0, 0.5};
    assertArrayEquals(new double[] {0.25, 0.5, 0.75}, AbsorbingChain.absorptionProbabilities(q, toFour), 1e-12);
    double[] toZero = {0.5, 0, 0};
    assertArrayEquals(new double[] {0.75, 0.5, 0.25}, AbsorbingChain.absorptionProbabilities(q, toZero), 1e-12);
  }

  @Test
  void gamblersRuinWithAnUnfairCoin() {
    // Gambler's ruin on 0..3, win a step with p = 2/3: P(reach 3 from i) = (1 - (q/p)^i) / (1 - (q/p)^3)
    // with q/p = 1/2: from 1, (1/2) / (7/8) = 4/7; from 2, (3/4) / (7/8) = 6/7.
    double[][] q = {{0, 2.0 / 3}, {1.0 / 3, 0}};
    double[] r = {0, 2.0 / 3};
    assertArrayEquals(new double[] {4.0 / 7, 6.0 / 7}, AbsorbingChain.absorptionProbabilities(q, r), 1e-12);
  }

  @Test
  void selfLoopsDoNotChangeWhereTheChainEnds() {
    // State 0 stays with 1/2, else goes to state 1; state 1 converts with 1/4, stays with 1/4, else is lost.
    // x1 = 1/4 x1 + 1/4 -> x1 = 1/3; x0 = 1/2 x0 + 1/2 x1 -> x0 = x1 = 1/3.
    double[][] q = {{0.5, 0.5}, {0, 0.25}};
    double[] r = {0, 0.25};
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3}, AbsorbingChain.absorptionProbabilities(q, r), 1e-12);
  }

  @Test
  void aStateThatIsNeverLeftIsRejected() {
    double[][] q = {{1.0, 0}, {0.5, 0}};
    double[] r = {0, 0.5};
    assertThrows(IllegalArgumentException.class, () -> AbsorbingChain.absorptionProbabilities(q, r));
  }
}
