import { z } from "zod";

export const ZCreateDataSource = z.object({
  name: z.string().trim().min(1).max(100).regex(/^[\w.-]+$/, "letters, digits and . _ - only"),
  connection_string: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").max(2000),
});
