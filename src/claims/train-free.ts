/**
 * train-free (deck, "Trained AE - No constraints" and the conclusion): the
 * two-layer autoencoder with a free encoder, RMSProp with learning rate
 * 1e-4, 2 500 000 epochs; the conclusion says "very slow training" and
 * "high tendency for a nonlinear encoder". The deck gives no threshold, n,
 * initialisation or number of runs.
 *
 * The as-worded hypotheses, and why. Each sentence of the conclusion
 * admits two readings, and neither adds a hypothesis the words exclude, so
 * all four are as worded: the claim is reproduced only when all four are,
 * not reproduced when one is not, and inconclusive otherwise.
 *
 * "High tendency for a nonlinear encoder":
 * - `nonlinear`: more than half of the runs end with a code that is not
 *   linear in i. The plain sense of a tendency of training: the encoder it
 *   ends with, whatever the reconstruction.
 * - `nonlinear-among-reconstructing`: the same among the runs that
 *   reconstruct (final MSE < 1e-5). The sentence follows "infinitely many
 *   solutions" and precedes "no requirements on the encoding": it is about
 *   which solution training finds, and a run that reconstructs nothing has
 *   found none, so its code says nothing about that. With no run that
 *   reconstructs, the sample is empty and the reading inconclusive: then
 *   the runs show that training ends with non-linear codes, not that it
 *   prefers non-linear solutions.
 *
 * "Very slow training" (the tenth of the run is stepae's convention; the
 * deck gives no time scale):
 * - `slow`: more than half of the runs are still changing their MSE (by
 *   more than 1e-6) after the first tenth of the 2 500 000 epochs. A run
 *   stuck early on a plateau settles early: it is stuck, not slow (its
 *   stuck outputs are reported with the runs).
 * - `slow-among-reconstructing`: among the runs that reconstruct, more than
 *   half first reach MSE < 1e-5 only after the first tenth of the run.
 *   Empty when no run reconstructs, as above.
 *
 * Reported, deciding nothing: how many runs reconstruct (and reach 1e-3),
 * always shown next to the conditional readings. The variant is the other
 * initialisation scheme on its own seeds (training.ts).
 */
import { DECK_EPOCHS } from '../train/session.js';
import { HYPOTHESES, trainingClaim, type TrainingClaimInfo } from './training.js';

/** The claim's description and measure (tests build it with a short length). */
export const TRAIN_FREE = {
  id: 'train-free',
  slide: 'Trained AE - No constraints; Conclusion',
  gist: 'Free training is very slow and tends to a non-linear encoder (RMSProp, lr 1e-4, 2.5M epochs).',
  statement:
    'RMSProp with a learning rate of $10^{-4}$, 2 500 000 epochs; "very slow training", "high tendency for a nonlinear encoder".',
  reading:
    "Four hypotheses, each decided by the 95% Wilson interval of a proportion over the seeds (the deck's settings, float32, n = 8): more than half of the runs end with a non-linear code (over all runs, and among the runs that reconstruct, MSE < 1e-5); more than half of the runs are slow (the MSE still moves after the first tenth of the run, over all runs; reaching MSE < 1e-5 only after the first tenth, among the runs that reconstruct). The claim is reproduced when all four are. The deck gives no threshold, n or initialisation: stepae uses the deck's only epsilon, n = 8 and PyTorch's nn.Linear initialisation, with Keras's Glorot initialisation as a variant.",
  method:
    'float32 training (RMSProp, PyTorch semantics, lr 1e-4; four seeds per WebAssembly SIMD instruction) over many seeds; codes (exact linearity from the float32 bits, R^2), settling and first-reach epochs, the learned layer 2 checked exactly; counts with 95% Wilson intervals.',
  experiment: 'free',
  length: { epochs: DECK_EPOCHS, source: "the deck's" },
  asWorded: [
    HYPOTHESES.nonlinear,
    HYPOTHESES.nonlinearAmongReconstructing,
    HYPOTHESES.slow,
    HYPOTHESES.slowAmongReconstructing,
  ],
  secondary: [HYPOTHESES.reconstructs, HYPOTHESES.nearMse],
} satisfies TrainingClaimInfo;

export const trainFree = trainingClaim(TRAIN_FREE);
