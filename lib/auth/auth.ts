import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { config } from "../config";
import { getDb, type Db } from "../db";
import { randomToken } from "../ids";
import { getOrCreateSetting } from "../settings/get-or-create-setting";
import { onUserCreated } from "../workspaces/on-user-created";

function makeAuth(db: Db, secret: string) {
  return betterAuth({
    database: prismaAdapter(db, { provider: "postgresql" }),
    secret,
    baseURL: process.env.BETTER_AUTH_URL || undefined,
    emailAndPassword: { enabled: true, minPasswordLength: 8, autoSignIn: true },
    // The app is served from wherever it is started; trust the request's own origin.
    trustedOrigins: async (request) => (request ? [new URL(request.url).origin] : [config.baseUrl]),
    databaseHooks: {
      user: { create: { after: async (user) => onUserCreated(db, { userId: user.id, name: user.name }) } },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof makeAuth>;

const holder: { auth?: Promise<Auth> } = ((globalThis as { __crystallizeAuth?: { auth?: Promise<Auth> } }).__crystallizeAuth ??= {});

/** better-auth, bound to the database. The secret comes from the env, or is generated once and stored. */
export function getAuth(): Promise<Auth> {
  holder.auth ??= (async () => {
    const db = await getDb();
    const secret = config.authSecret ?? (await getOrCreateSetting(db, "auth_secret", () => randomToken(48)));
    return makeAuth(db, secret);
  })();
  holder.auth.catch(() => (holder.auth = undefined));
  return holder.auth;
}
