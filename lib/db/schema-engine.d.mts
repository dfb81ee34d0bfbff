// Types of schema-engine.mjs.
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export type MigrationList = {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: { path: string; migrationFile: { path: string; content: { tag: "ok"; value: string } } }[];
};
export type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout?: string }>;
  free(): void;
};

export function migrationsDir(): string;
export function readMigrationList(): Promise<MigrationList>;
export function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  fn: (engine: Engine, schema: { path: string; content: string }) => Promise<T>,
): Promise<T>;
/** Applies the pending migrations; returns the names of those it applied. */
export function applyMigrations(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]>;
/** The SQL that brings the migrations up to the schema, or null when they already match. */
export function diffSchemaAgainstMigrations(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string | null>;
