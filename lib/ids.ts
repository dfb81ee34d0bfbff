import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Random base62 text; 16 characters carry ~95 bits. */
export function randomToken(length = 16): string {
  const bytes = randomBytes(length * 2);
  let out = "";
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    const b = bytes[i]!;
    if (b < 248) out += ALPHABET[b % 62]; // 248 = 4 * 62: rejection keeps the draw unbiased
  }
  return out.length === length ? out : out + randomToken(length - out.length);
}

export type IdPrefix = "ws" | "key" | "run" | "thr" | "msg" | "tc" | "auto" | "ver" | "arun" | "apr" | "trg" | "tp" | "ds" | "fb" | "aud" | "evt" | "inv";

/** Public ids carry their kind, so logs and URLs read well: `run_4fQ…`. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomToken(16)}`;
}
