import { connection } from "next/server";
import { AuthForm } from "@/components/auth-form";
import { inviteForPage } from "@/lib/auth/invite-for-page";
import { signUpRefusal } from "@/lib/auth/sign-up-policy";
import { getDb } from "@/lib/db";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  await connection();
  const db = await getDb();
  const { invite: token } = await searchParams;
  const { invite, inviteProblem } = await inviteForPage(db, typeof token === "string" ? token : undefined);
  const firstRun = !invite && (await db.membership.count({ where: { role: "owner" } })) === 0;
  // The server refuses such a sign-up anyway; the page says so up front, and what to do instead.
  const refusal = (await signUpRefusal(db, { email: invite?.email ?? "", inviteToken: invite?.token })) ?? undefined;
  return <AuthForm mode="sign-up" firstRun={firstRun && !refusal} invite={invite} inviteProblem={inviteProblem} refusal={refusal} />;
}
