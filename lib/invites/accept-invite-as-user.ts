import type { Db } from "../db";
import { acceptInvite } from "./accept-invite";

/** The signed-in user joins the invite's workspace, under the email their account has. */
export async function acceptInviteAsUser(db: Db, { token, userId }: { token: string; userId: string }) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  return db.$transaction((tx) => acceptInvite(tx, { token, userId, email: user.email }));
}
