import { redirect } from "next/navigation";
import { connection } from "next/server";
import { AuthForm } from "@/components/auth-form";
import { getDb } from "@/lib/db";

export default async function SignInPage() {
  await connection();
  // A fresh install has nobody to sign in: the first visitor creates the owner account.
  if ((await (await getDb()).user.count()) === 0) redirect("/sign-up");
  return <AuthForm mode="sign-in" />;
}
