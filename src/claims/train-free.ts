/**
 * train-free (deck, "Trained AE - No constraints" and the conclusion): the
 * two-layer autoencoder with a free encoder, RMSProp with learning rate
 * 1e-4, 2 500 000 epochs; the conclusion says training is very slow and has
 * a high tendency for a non-linear encoder. Hypothesis: more than half of
 * the seeds end with a non-linear code (R^2 of z against i below 0.999).
 */
import { LINEAR_R2 } from '../train/compare.js';
import { DECK_EPOCHS } from '../train/session.js';
import { trainingClaim } from './training.js';

export const trainFree = trainingClaim({
  id: 'train-free',
  slide: 'Trained AE - No constraints; Conclusion',
  gist: 'Free training is very slow and tends to a non-linear encoder (RMSProp, lr 1e-4, 2.5M epochs).',
  statement:
    'RMSProp with a learning rate of $10^{-4}$, 2 500 000 epochs; "very slow training", "high tendency for a nonlinear encoder".',
  reading: `More than half of the seeds end with a non-linear code (R^2 of z against i below ${LINEAR_R2}).`,
  method:
    'float32 training (RMSProp, PyTorch semantics, lr 1e-4) over several seeds; the fraction of non-linear codes is measured.',
  experiment: 'free',
  length: { epochs: DECK_EPOCHS, source: "the deck's" },
  question: 'training ends with a non-linear code',
  count: (r) => r.filter((x) => !x.comparison.linear).length,
});
