/**
 * The part of the WebAssembly JavaScript API the training kernel uses.
 * Node.js provides the global, but neither lib ES2022 nor @types/node 20
 * declares it (TypeScript's only copy is in lib.dom, which this project
 * does not load).
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Memory {
    readonly buffer: ArrayBuffer;
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
}
