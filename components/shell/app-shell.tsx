"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { BookOpen, Bot, Database, Gauge, Inbox, Plug, KeyRound, LayoutDashboard, Moon, PlayCircle, ScrollText, ShieldCheck, Sun, Users, Workflow } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { ApiRequestError } from "@/lib/client/api";
import { meQuery, workspaceListQuery } from "@/lib/queries/workspaces";
import { cx, Loading } from "../ui/ui";
import { useDark } from "../ui/use-dark";
import { PendingApprovalsBadge } from "./pending-approvals-badge";

const NAV = [
  { href: "/", label: "Run history", icon: Bot },
  { href: "/automations", label: "Automations", icon: Workflow },
  { href: "/runs", label: "Runs", icon: PlayCircle },
  { href: "/approvals", label: "Approvals", icon: Inbox },
  { href: "/dashboards", label: "Dashboards", icon: LayoutDashboard },
  { href: "/tool-providers", label: "Tool providers", icon: Plug },
  { href: "/data-sources", label: "Data sources", icon: Database },
  { href: "/settings/api-keys", label: "API keys", icon: KeyRound, adminOnly: true },
  { href: "/settings/security", label: "Security", icon: ShieldCheck },
  { href: "/settings/members", label: "Members", icon: Users },
  { href: "/audit", label: "Audit log", icon: ScrollText },
  { href: "/api-reference", label: "API reference", icon: BookOpen },
];

/** Navigation, workspace switcher and theme around every signed-in page; signs out to /sign-in. */
export function AppShell({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const me = useQuery(meQuery());
  const unauthorized = me.error instanceof ApiRequestError && me.error.status === 401;
  useEffect(() => {
    if (unauthorized) router.replace("/sign-in");
  }, [unauthorized, router]);

  // The page starts loading its own data alongside /me instead of after it.
  if (unauthorized) return <Loading />;
  const active = (href: string) => (href === "/" ? pathname === "/" || pathname.startsWith("/history") : pathname.startsWith(href));
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">Skip to content</a>
      <aside className="flex shrink-0 flex-col gap-4 border-b border-slate-200 bg-slate-50 p-3 md:w-56 md:border-r md:border-b-0 dark:border-slate-800 dark:bg-slate-900">
        <Link href="/" className="flex items-center gap-2 px-2 text-lg font-semibold">
          <Gauge className="size-5 text-indigo-600" aria-hidden /> Crystallize
        </Link>
        <WorkspaceSwitcher current={me.data?.workspace} />
        <nav aria-label="Main" className="flex flex-row flex-wrap gap-1 md:flex-col">
          {/* Members cannot open the keys page (the API refuses it), so it is not offered to them. */}
          {NAV.filter((n) => !("adminOnly" in n) || me.data?.actor.role !== "member").map(({ href, label, icon: Icon }) => (
            <Link
              key={href}
              href={href}
              aria-current={active(href) ? "page" : undefined}
              className={cx(
                "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm",
                active(href) ? "bg-indigo-100 font-medium text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100" : "hover:bg-slate-200/60 dark:hover:bg-slate-800",
              )}
            >
              <Icon className="size-4" aria-hidden /> {label}
              {href === "/approvals" && <PendingApprovalsBadge />}
            </Link>
          ))}
        </nav>
        <div className="mt-auto flex items-center justify-between gap-2 px-2">
          <ThemeToggle />
          <SignOut />
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 p-4 md:p-6">
        {me.isError ? <p role="alert" className="text-red-600">{me.error.message}</p> : children}
      </main>
    </div>
  );
}

function WorkspaceSwitcher({ current }: { current?: { id: string; name: string } }) {
  const qc = useQueryClient();
  const list = useQuery(workspaceListQuery());
  const workspaces = list.data?.data ?? (current ? [{ ...current, role: "", current: true }] : []);
  return (
    <label className="block px-2 text-xs text-slate-500">
      Workspace
      <select
        className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
        value={current?.id ?? ""}
        onChange={(e) => {
          // The API reads the chosen workspace from this cookie; everything cached belongs to the old one.
          document.cookie = `cz_workspace=${encodeURIComponent(e.target.value)}; path=/; samesite=lax; max-age=31536000`;
          qc.clear();
          // A full load, so nothing of the old workspace survives in memory.
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- deliberately not a client-side navigation
          window.location.assign("/");
        }}
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function ThemeToggle() {
  const dark = useDark();
  return (
    <button
      type="button"
      aria-label={dark ? "Switch to light mode" : "Switch to dark mode"}
      className="rounded-md p-1.5 hover:bg-slate-200 dark:hover:bg-slate-800"
      onClick={() => {
        const next = !dark;
        document.documentElement.classList.toggle("dark", next);
        localStorage.setItem("theme", next ? "dark" : "light");
      }}
    >
      {dark ? <Sun className="size-4" aria-hidden /> : <Moon className="size-4" aria-hidden />}
    </button>
  );
}

function SignOut() {
  return (
    <button
      type="button"
      className="text-sm text-slate-600 hover:underline dark:text-slate-400"
      onClick={async () => {
        await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
        // A full load, so nothing of the signed-out session survives in memory.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- deliberately not a client-side navigation
        window.location.assign("/sign-in");
      }}
    >
      Sign out
    </button>
  );
}
