import { connection } from "next/server";
import { AuthForm } from "@/components/auth-form";
import { getDb } from "@/lib/db";

export default async function SignUpPage() {
  await connection();
  const firstRun = (await (await getDb()).user.count()) === 0;
  return <AuthForm mode="sign-up" firstRun={firstRun} />;
}
