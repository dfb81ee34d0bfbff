import { createHash } from "node:crypto";

/** What is stored of a bearer secret (API key, invite token): enough to find it, never to show it. */
export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");
