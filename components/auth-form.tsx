"use client";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/client/api";

const input = "w-full rounded border border-slate-300 bg-transparent px-3 py-2 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-700";

export type InviteInfo = { token: string; email: string; workspace: string; workspaceId: string; role: string };

/**
 * Email/password form for sign-in and sign-up, posting to better-auth's endpoints. With an invite
 * the sign-up sends its token (the server joins the user to that workspace), and a sign-in
 * accepts it afterwards. `refusal` replaces the sign-up form when nobody may sign up without one.
 */
export function AuthForm({ mode, firstRun = false, invite, inviteProblem, refusal }: { mode: "sign-in" | "sign-up"; firstRun?: boolean; invite?: InviteInfo; inviteProblem?: string; refusal?: string }) {
  const router = useRouter();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/auth/${mode === "sign-in" ? "sign-in" : "sign-up"}/email`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), password: form.get("password"), name: form.get("name") ?? "", ...(mode === "sign-up" && invite ? { inviteToken: invite.token } : {}) }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        throw new Error(body?.message ?? `Request failed (${res.status})`);
      }
      if (mode === "sign-in" && invite) await api("/api/v1/invites/accept", { method: "POST", json: { token: invite.token } });
      // Open the workspace the invite named, not the user's first one.
      if (invite) document.cookie = `cz_workspace=${encodeURIComponent(invite.workspaceId)}; path=/; samesite=lax; max-age=31536000`;
      await api("/api/v1/me");
      // A session that ran out lands here without a reload: what is cached belongs to whoever was signed in before.
      qc.clear();
      router.push("/");
      router.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="mx-auto mt-24 max-w-sm px-4">
      <h1 className="mb-2 text-2xl font-semibold">{mode === "sign-in" ? "Sign in to Crystallize" : firstRun ? "Create the owner account" : "Create your account"}</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        {invite
          ? `You are invited to join ${invite.workspace} as ${invite.role === "admin" ? "an admin" : `a ${invite.role}`}. ${mode === "sign-up" ? "Create your account with the invited address." : "Sign in with the invited address to accept."}`
          : firstRun
            ? "Nobody has signed up yet: you become the owner of this installation's workspace, demo data included."
            : "Turn successful agent runs and chat threads into deterministic automations."}
      </p>
      {inviteProblem && (
        <p role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          {inviteProblem}
        </p>
      )}
      {refusal ? (
        <p role="status" data-testid="sign-up-refused" className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-900">
          {refusal}
        </p>
      ) : (
      <form onSubmit={onSubmit} className="space-y-4">
        {mode === "sign-up" && (
          <label className="block">
            <span className="mb-1 block text-sm">Name</span>
            <input name="name" required className={input} autoComplete="name" />
          </label>
        )}
        <label className="block">
          <span className="mb-1 block text-sm">Email</span>
          <input name="email" type="email" required className={input} autoComplete="email" defaultValue={invite?.email} readOnly={mode === "sign-up" && !!invite} />
        </label>
        <label className="block">
          <span className="mb-1 block text-sm">Password</span>
          <input name="password" type="password" required minLength={8} className={input} autoComplete={mode === "sign-in" ? "current-password" : "new-password"} />
        </label>
        {error && (
          <p role="alert" className="text-sm text-red-600">
            {error}
          </p>
        )}
        <button disabled={busy} className="w-full rounded bg-indigo-600 px-3 py-2 font-medium text-white hover:bg-indigo-500 disabled:opacity-50">
          {mode === "sign-in" ? "Sign in" : "Sign up"}
        </button>
      </form>
      )}
      <p className="mt-4 text-sm">
        {mode === "sign-in" ? (
          <>
            No account? <Link className="text-indigo-600 underline" href={invite ? `/sign-up?invite=${encodeURIComponent(invite.token)}` : "/sign-up"}>Sign up</Link>
          </>
        ) : (
          <>
            Have an account? <Link className="text-indigo-600 underline" href={invite ? `/sign-in?invite=${encodeURIComponent(invite.token)}` : "/sign-in"}>Sign in</Link>
          </>
        )}
      </p>
    </main>
  );
}
