import { Prisma } from "../generated/prisma/client";

/**
 * Whether an error is a unique-constraint violation: P2002 from a model query, or a raw query's
 * P2010 whose driver error says so (bulk writes go through raw SQL).
 */
export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (err.code === "P2002") return true;
  const cause = (err.meta?.driverAdapterError as { cause?: { kind?: string; originalCode?: string } } | undefined)?.cause;
  return err.code === "P2010" && (cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "23505");
}
