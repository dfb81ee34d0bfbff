import { Prisma } from "../generated/prisma/client";

/** A value for a nullable Json column: undefined → SQL NULL, null → JSON null. */
export function jsonValue(v: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull | typeof Prisma.JsonNull {
  if (v === undefined) return Prisma.DbNull;
  if (v === null) return Prisma.JsonNull;
  return v as Prisma.InputJsonValue;
}
