import { betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { config } from "../config";
import { getDb, type Db } from "../db";
import { randomToken } from "../ids";
import { getOrCreateSetting } from "../settings/get-or-create-setting";
import { requestOrigin } from "../http/request-origin";
import { onUserCreated } from "../workspaces/on-user-created";
import { signUpRefusal } from "./sign-up-policy";

/** The sign-up form sends the invite link's token along with email and password. */
const inviteTokenOf = (body: unknown) => {
  const token = (body as { inviteToken?: unknown } | undefined)?.inviteToken;
  return typeof token === "string" && token.length > 0 && token.length <= 200 ? token : undefined;
};

function makeAuth(db: Db, secret: string) {
  return betterAuth({
    database: prismaAdapter(db, { provider: "postgresql" }),
    secret,
    baseURL: process.env.BETTER_AUTH_URL || undefined,
    emailAndPassword: { enabled: true, minPasswordLength: 8, autoSignIn: true },
    // The app answers at whatever address the browser used (localhost, 127.0.0.1, a LAN IP): a
    // request whose Origin is the host it was sent to is same-origin. Behind a proxy that host is
    // the proxy's X-Forwarded-Host, believed only with TRUST_PROXY=1.
    trustedOrigins: async (request) => [config.baseUrl, ...(request ? [requestOrigin(request)] : [])],
    databaseHooks: {
      user: {
        create: {
          // Who may sign up is decided here, on the server, for every way a user gets created.
          before: async (user, ctx) => {
            const refusal = await signUpRefusal(db, { email: user.email, inviteToken: inviteTokenOf(ctx?.body) });
            if (refusal) throw new APIError("FORBIDDEN", { message: refusal, code: "SIGN_UP_REFUSED" });
          },
          after: async (user, ctx) => onUserCreated(db, { userId: user.id, name: user.name, email: user.email, inviteToken: inviteTokenOf(ctx?.body) }),
        },
      },
    },
    // better-auth turns its origin check off under NODE_ENV=test; keep it on, so tests see what users get.
    advanced: { disableOriginCheck: false },
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
