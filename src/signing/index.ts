export { normalizeParams, normalizeValue } from './normalize.js';
export type { NormalizedParams, ParamInput, ParamValue } from './normalize.js';
export { canonicalAop, canonicalTop, topBaseString, TOP_SIGN_METHODS } from './canonical.js';
export type { TopSignMethod } from './canonical.js';
export { signAop, signTop } from './sign.js';
