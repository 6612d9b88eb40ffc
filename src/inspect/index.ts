/** The exact inspection engine: inspectNetwork and its report types, and the exact re-solve of layer 3. */
export * from './inspect.js';
export * from './resolve.js';
