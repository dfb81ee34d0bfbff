import { getAuth } from "@/lib/auth/auth";

// better-auth's own endpoints: sign-up, sign-in, sign-out, session.
export async function GET(req: Request) {
  return (await getAuth()).handler(req);
}
export async function POST(req: Request) {
  return (await getAuth()).handler(req);
}
