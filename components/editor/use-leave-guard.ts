"use client";
import { useEffect, useState } from "react";

/**
 * Holds back navigation away from unsaved edits: a reload or a closed tab gets the browser's own
 * prompt, and a click on any in-app link (the sidebar's, a breadcrumb, a run link) is stopped
 * before Next's router sees it, leaving `pending` set to where it led so the editor can ask.
 */
export function useLeaveGuard(dirty: boolean) {
  const [pending, setPending] = useState<string | null>(null);
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    // Capture on the document runs before React's listeners on its root, where Link navigates.
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]");
      if (!(a instanceof HTMLAnchorElement) || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
      const to = new URL(a.href, location.href);
      if (to.origin !== location.origin || (to.pathname === location.pathname && to.search === location.search)) return;
      e.preventDefault();
      e.stopPropagation();
      setPending(to.pathname + to.search + to.hash);
    };
    window.addEventListener("beforeunload", onUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);
  return { pending, cancel: () => setPending(null) };
}
