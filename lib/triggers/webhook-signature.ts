import { createHmac, timingSafeEqual } from "node:crypto";
import { randomToken } from "../ids";

export const SIGNATURE_HEADER = "x-crystallize-signature";

export const newWebhookSecret = () => `whsec_${randomToken(32)}`;

// Exactly what signWebhook writes. A loose reading (upper-case hex, trailing characters, which
// Buffer.from(…, "hex") ignores) would let one captured delivery pass under many spellings.
const SIGNATURE_FORMAT = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/;

export type SignatureCheck = { ok: true; digest: string } | { ok: false; problem: string };

/**
 * Checks `t=<unix>,v1=<64 lowercase hex>` against the secret; a timestamp off by more than 5
 * minutes fails, so old requests cannot be replayed (newer ones are caught by their recorded
 * digest). On success, `digest` is the HMAC the server computed: what replays are keyed on.
 */
export function verifyWebhookSignature(secret: string, header: string | null, body: string, now = Date.now()): SignatureCheck {
  if (!header) return { ok: false, problem: `missing ${SIGNATURE_HEADER} header` };
  const match = SIGNATURE_FORMAT.exec(header.trim());
  if (!match) return { ok: false, problem: "signature header must be t=<unix seconds>,v1=<64 lowercase hex characters>" };
  const t = Number(match[1]);
  if (Math.abs(now / 1000 - t) > 300) return { ok: false, problem: "signature timestamp is more than 5 minutes off: replayed or clock skewed" };
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  if (!timingSafeEqual(Buffer.from(match[2]!, "hex"), expected)) return { ok: false, problem: "signature does not match" };
  return { ok: true, digest: expected.toString("hex") };
}

export function signWebhook(secret: string, body: string, now = Date.now()) {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}
