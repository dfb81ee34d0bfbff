import { z } from "zod";

/**
 * A response field read from a JSON column (or built by a presenter typed by one): the compiler
 * cannot know its shape, so the handler may return anything there and the response parse checks
 * it against `schema`, which is also what the API document and the client's types show.
 */
export const stored = <T extends z.ZodType>(schema: T) => z.unknown().pipe(schema);
