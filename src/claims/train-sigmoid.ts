/**
 * train-sigmoid (deck, "Training with no constraints", one-layer decoder):
 * the deck shows a sigmoid decoder trained with a free encoder. The slide
 * gives no learning rate or run length: stepae uses the free run's learning
 * rate (1e-4) and 500 000 epochs, by which every run has settled (the atlas
 * page shows the settling epochs). Hypothesis: more than half of the seeds
 * reach the deck's epsilon, MSE < 1e-5.
 */
import { DECK_LR } from '../train/session.js';
import { trainingClaim } from './training.js';

/** The deck's epsilon for the sigmoid decoder. */
const EPS = 1e-5;

export const trainSigmoid = trainingClaim({
  id: 'train-sigmoid',
  slide: 'Training with no constraints (one-layer sigmoid decoder)',
  gist: 'A one-layer sigmoid decoder trained with a free encoder reconstructs the steps.',
  statement:
    'A one-layer decoder with a sigmoid output, trained with no constraints (the deck shows the learned reconstructions).',
  reading: `Training (encoder free, RMSProp lr ${DECK_LR.sigmoid}, PyTorch init, float32) for 500000 epochs reaches the deck's epsilon, MSE < ${EPS}, in more than half of the seeds. The slide gives no learning rate or length: stepae uses the free run's learning rate and 500000 epochs.`,
  method:
    'float32 training with hand-written backpropagation over several seeds; codes, R^2 and MSE measured per seed.',
  experiment: 'sigmoid',
  length: { epochs: 500_000, source: "stepae's (the deck gives none for this run; see the settling epochs)" },
  question: `training reaches MSE < ${EPS}`,
  count: (r) => r.filter((x) => x.result.finalLoss < EPS).length,
});
