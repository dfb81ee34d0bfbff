"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/client/api";

const input = "w-full rounded border border-slate-300 bg-transparent px-3 py-2 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-700";

/** Email/password form for sign-in and sign-up, posting to better-auth's endpoints. */
export function AuthForm({ mode, firstRun = false }: { mode: "sign-in" | "sign-up"; firstRun?: boolean }) {
  const router = useRouter();
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
        body: JSON.stringify({ email: form.get("email"), password: form.get("password"), name: form.get("name") ?? "" }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        throw new Error(body?.message ?? `Request failed (${res.status})`);
      }
      await api("/api/v1/me");
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
        {firstRun
          ? "Nobody has signed up yet: you become the owner of this installation's workspace, demo data included."
          : "Turn successful agent runs and chat threads into deterministic automations."}
      </p>
      <form onSubmit={onSubmit} className="space-y-4">
        {mode === "sign-up" && (
          <label className="block">
            <span className="mb-1 block text-sm">Name</span>
            <input name="name" required className={input} autoComplete="name" />
          </label>
        )}
        <label className="block">
          <span className="mb-1 block text-sm">Email</span>
          <input name="email" type="email" required className={input} autoComplete="email" />
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
      <p className="mt-4 text-sm">
        {mode === "sign-in" ? (
          <>
            No account? <Link className="text-indigo-600 underline" href="/sign-up">Sign up</Link>
          </>
        ) : (
          <>
            Have an account? <Link className="text-indigo-600 underline" href="/sign-in">Sign in</Link>
          </>
        )}
      </p>
    </main>
  );
}
