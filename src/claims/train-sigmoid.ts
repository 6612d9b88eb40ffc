/**
 * train-sigmoid (deck, "Training with no constraints", one-layer decoder):
 * the deck shows a sigmoid decoder trained with a free encoder; the figures
 * are lost and the text asserts no number. The slide gives no learning
 * rate or run length: stepae uses the free run's learning rate (1e-4) and
 * 500 000 epochs, by which every run has settled (the page shows the
 * settling epochs).
 *
 * Hypothesis (as worded): the slide shows the training succeed, and the
 * only threshold the deck gives for this decoder is its handcrafted
 * solution's epsilon, so: more than half of the runs reach the deck's
 * epsilon, final MSE < 1e-5 (`reconstructs`). Reported beside it, deciding
 * nothing: whether the codes of the runs that reconstruct are non-linear
 * (the conclusion's "tendency for a nonlinear encoder", in this setting).
 * The variant with the other initialisation scheme is computed on its own
 * seeds (training.ts).
 */
import { DECK_LR } from '../train/session.js';
import { HYPOTHESES, trainingClaim, type TrainingClaimInfo } from './training.js';

/** The claim's description and measure (tests build it with a short length). */
export const TRAIN_SIGMOID = {
  id: 'train-sigmoid',
  slide: 'Training with no constraints (one-layer sigmoid decoder)',
  gist: 'A one-layer sigmoid decoder trained with a free encoder reconstructs the steps.',
  statement:
    'A one-layer decoder with a sigmoid output, trained with no constraints (the deck shows the learned reconstructions).',
  reading: `Training (encoder free, RMSProp lr ${DECK_LR.sigmoid}, float32) for 500000 epochs reaches the deck's epsilon, MSE < 1e-5, in more than half of the runs, decided by the 95% Wilson interval of that proportion over the seeds. The slide gives no learning rate, length or initialisation: stepae uses the free run's learning rate, 500000 epochs and PyTorch's nn.Linear initialisation, with Keras's Glorot initialisation as a variant.`,
  method:
    'float32 training with hand-written backpropagation (four seeds per WebAssembly SIMD instruction) over many seeds; codes, R^2 and MSE measured per seed; counts with 95% Wilson intervals.',
  experiment: 'sigmoid',
  length: { epochs: 500_000, source: "stepae's (the deck gives none for this run; see the settling epochs)" },
  asWorded: [HYPOTHESES.reconstructs],
  secondary: [HYPOTHESES.nonlinearAmongReconstructing, HYPOTHESES.nonlinear],
} satisfies TrainingClaimInfo;

export const trainSigmoid = trainingClaim(TRAIN_SIGMOID);
