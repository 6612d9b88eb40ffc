/**
 * The claim registry: every claim with a checker, in the deck's order.
 * A claim is listed here only once its checker exists.
 */
import { claimLayer3Bias } from './claim-layer3-bias.js';
import { conjectureFullRank } from './conjecture-full-rank.js';
import { constructLinear } from './construct-linear.js';
import { constructRandom } from './construct-random.js';
import { corollarySolutionSet } from './corollary-solution-set.js';
import { formulaShermanMorrison } from './formula-sherman-morrison.js';
import { lemmaScaling } from './lemma-scaling.js';
import { identityK } from './identity-k.js';
import { lemmaDecoder1 } from './lemma-decoder1.js';
import { lemmaEncoder } from './lemma-encoder.js';
import { lemmaLayer2Bias } from './lemma-layer2-bias.js';
import { lemmaLayer3 } from './lemma-layer3.js';
import { lemmaRank } from './lemma-rank.js';
import { propArchitecture } from './prop-architecture.js';
import { propSigmoid } from './prop-sigmoid.js';
import { trainConstrained } from './train-constrained.js';
import { trainFree } from './train-free.js';
import { trainSigmoid } from './train-sigmoid.js';
import type { Claim } from './types.js';

export const CLAIMS: readonly Claim[] = [
  lemmaEncoder,
  lemmaDecoder1,
  propSigmoid,
  lemmaLayer3,
  lemmaRank,
  lemmaLayer2Bias,
  identityK,
  propArchitecture,
  claimLayer3Bias,
  constructLinear,
  constructRandom,
  lemmaScaling,
  corollarySolutionSet,
  formulaShermanMorrison,
  conjectureFullRank,
  trainSigmoid,
  trainConstrained,
  trainFree,
];

/** The claim with this id, or undefined. */
export function findClaim(id: string): Claim | undefined {
  return CLAIMS.find((c) => c.id === id);
}
