import { redirect } from "next/navigation";
import { connection } from "next/server";
import { AuthForm } from "@/components/auth-form";
import { inviteForPage } from "@/lib/auth/invite-for-page";
import { getDb } from "@/lib/db";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  await connection();
  const db = await getDb();
  // A fresh install has nobody to sign in: the first visitor creates the owner account.
  if ((await db.user.count()) === 0) redirect("/sign-up");
  const { invite: token } = await searchParams;
  const { invite, inviteProblem } = await inviteForPage(db, typeof token === "string" ? token : undefined);
  return <AuthForm mode="sign-in" invite={invite} inviteProblem={inviteProblem} />;
}
