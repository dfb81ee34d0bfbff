import { z } from "zod";
import { ZProviderConfig } from "../engine/executors/tools";

export const ZCreateProvider = z.intersection(z.object({ name: z.string().trim().min(1).max(100) }), ZProviderConfig);
