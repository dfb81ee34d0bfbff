import { z } from "zod";
import { ZRole } from "../invites/schemas";

// What the API-key routes answer (presentApiKey): never the secret, except once on creation.

export const ZApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The secret's first characters, so a key can be recognised. */
    prefix: z.string(),
    role: ZRole,
    created_by: z.string().nullable(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: "ApiKey" });
export type ApiKey = z.output<typeof ZApiKey>;

export const ZApiKeyList = z.object({ data: z.array(ZApiKey) });
export type ApiKeyList = z.output<typeof ZApiKeyList>;

export const ZCreatedApiKey = ZApiKey.extend({
  /** The whole key: the only time it is shown. */
  secret: z.string(),
}).meta({ id: "CreatedApiKey" });
export type CreatedApiKey = z.output<typeof ZCreatedApiKey>;
