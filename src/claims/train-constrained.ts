/**
 * train-constrained (deck, "Trained AE - Constrained Linear Encoder"): the
 * two-layer autoencoder with the encoder constrained to z = alpha i + beta,
 * RMSProp with learning rate 1e-5, 2 500 000 epochs. The deck shows the run
 * without a success threshold. Hypothesis: more than half of the seeds reach
 * MSE < 1e-3.
 */
import { DECK_EPOCHS } from '../train/session.js';
import { trainingClaim } from './training.js';

const REACHED = 1e-3;

export const trainConstrained = trainingClaim({
  id: 'train-constrained',
  slide: 'Trained AE - Constrained Linear Encoder',
  gist: 'The autoencoder with a linear encoder z = alpha i + beta trains (RMSProp, lr 1e-5, 2.5M epochs).',
  statement:
    'Linear encoder $z^{(i)} = \\alpha i + \\beta$; RMSProp with a learning rate of $10^{-5}$; 2 500 000 epochs.',
  reading: `Training the two-layer autoencoder with z = alpha i + beta reaches MSE < ${REACHED} in more than half of the seeds.`,
  method:
    'float32 training (RMSProp, PyTorch semantics, lr 1e-5) over several seeds; the learned layer 2 is then checked exactly (rank of A2 from the float32 bits, W3 re-solved).',
  experiment: 'constrained',
  length: { epochs: DECK_EPOCHS, source: "the deck's" },
  question: `training reaches MSE < ${REACHED}`,
  count: (r) => r.filter((x) => x.result.finalLoss < REACHED).length,
});
