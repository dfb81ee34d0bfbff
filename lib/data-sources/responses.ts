import { z } from "zod";

// What the data-source routes answer. The connection string holds a password: it is accepted,
// never returned.

export const ZDataSource = z
  .object({
    id: z.string(),
    name: z.string(),
    /** Host, port and database of the connection string; null when it does not parse as a URL. */
    host: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: "DataSource" });
export type DataSource = z.output<typeof ZDataSource>;

export const ZDataSourceList = z.object({ data: z.array(ZDataSource) });
export type DataSourceList = z.output<typeof ZDataSourceList>;

export const ZDataSourceTest = z
  .object({
    id: z.string(),
    ok: z.literal(true),
    /** What the source's login can see, by schema then name (at most 200). */
    tables: z.array(z.object({ schema: z.string(), name: z.string(), view: z.boolean() })),
    truncated: z.boolean(),
  })
  .meta({ id: "DataSourceTest" });
export type DataSourceTest = z.output<typeof ZDataSourceTest>;
