// Types of ensure-build.mjs, a plain script so `npm start` runs it without a compiler.
export function nextBin(): string;
export function ensureBuild(): void;
