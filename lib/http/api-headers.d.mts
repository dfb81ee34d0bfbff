// Types of api-headers.mjs, plain JavaScript so next.config.mjs loads it without a compiler.
export const API_HEADERS: { key: string; value: string }[];
