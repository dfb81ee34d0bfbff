"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/** A navigation held back: an in-app link's target, or a step back through the browser's history. */
type Pending = { kind: "link"; to: string } | { kind: "back"; delta: number };
/** The history entry the guard pushed: the editor's URL and Next's state for it. */
type Sentinel = { href: string; state: Record<string, unknown>; above: boolean };

const MARK = "__leaveGuard";
// The guard's own history moves, whose popstate neither Next's router nor a guard may act on.
// Module level: a save remounts the editor, and the new guard receives the pop the old one caused.
let ownPops = 0;
const isMarked = (state: unknown) => (state as Record<string, unknown> | null)?.[MARK] === true;

/** Whether the guard's entry, above the editor's own, is the current one. */
function onSentinel(s: Sentinel | null) {
  return s !== null && s.above && location.href === s.href && isMarked(history.state);
}

/** Forgets the guard's entry, stepping back off it only while it is current: after leaving, that would take the user elsewhere. */
function drop(sentinel: { current: Sentinel | null }) {
  if (onSentinel(sentinel.current)) {
    ownPops++;
    history.back();
  }
  sentinel.current = null;
}

/**
 * Holds back navigation away from unsaved edits: a reload or a closed tab gets the browser's own
 * prompt, and a click on any in-app link (the sidebar's, a breadcrumb, a run link) is stopped
 * before Next's router sees it, leaving `pending` set to where it led so the editor can ask.
 * Back and Forward are held back by an extra entry for the editor's URL, pushed when edits begin
 * (which also drops any Forward entries): Back lands on the editor's own entry, the guard puts its
 * entry back and asks, and `proceed` then goes back for real. The entry is dropped again when the
 * edits are saved or undone, so Back then leaves in one press.
 */
export function useLeaveGuard(dirty: boolean) {
  const router = useRouter();
  const [pending, setPending] = useState<Pending | null>(null);
  const sentinel = useRef<Sentinel | null>(null);
  const leaving = useRef(false);

  useEffect(() => {
    if (dirty && !sentinel.current) {
      // Next's own state goes along (its `__NA` makes Next's patched pushState pass it through as is).
      const state = { ...(history.state as Record<string, unknown> | null) };
      delete state[MARK];
      sentinel.current = { href: location.href, state, above: true };
      history.pushState({ ...state, [MARK]: true }, "", location.href);
    } else if (!dirty && sentinel.current) {
      drop(sentinel);
    }
  }, [dirty]);

  useEffect(() => {
    // In the capture phase on window it runs before Next's router's own popstate listener.
    const onPop = (e: PopStateEvent) => {
      if (ownPops > 0) {
        ownPops--;
        e.stopImmediatePropagation();
        return;
      }
      if (leaving.current) return;
      const s = sentinel.current;
      if (!s) {
        // Forward onto an entry left from edits since saved or undone: step back off it.
        if (isMarked(e.state)) {
          ownPops++;
          e.stopImmediatePropagation();
          history.back();
        }
        return;
      }
      e.stopImmediatePropagation();
      // Back lands on the editor's own entry below the guard's; a longer jump (the history menu, or a
      // browser skipping the editor's entry) lands further back, and the re-pushed entry replaces the
      // editor's own, so leaving is one step back from it and it stays when the edits are saved.
      const own = location.href === s.href && !isMarked(e.state);
      // On the tab's first entry there is nothing behind to leave to, as without the guard.
      const first = own && (window as { navigation?: { currentEntry: { index: number } | null } }).navigation?.currentEntry?.index === 0;
      sentinel.current = { ...s, above: s.above && own };
      history.pushState(sentinel.current.above ? { ...s.state, [MARK]: true } : s.state, "", s.href);
      if (!first) setPending({ kind: "back", delta: own ? -2 : -1 });
    };
    window.addEventListener("popstate", onPop, true);
    return () => {
      window.removeEventListener("popstate", onPop, true);
      // Unmounted by a save (the editor remounts on the new version) while the entry is on top.
      drop(sentinel);
    };
  }, []);

  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => {
      if (!leaving.current) e.preventDefault();
    };
    // Capture on the document runs before React's listeners on its root, where Link navigates.
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]");
      if (!(a instanceof HTMLAnchorElement) || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
      const to = new URL(a.href, location.href);
      if (to.origin !== location.origin || (to.pathname === location.pathname && to.search === location.search)) return;
      e.preventDefault();
      e.stopPropagation();
      setPending({ kind: "link", to: to.pathname + to.search + to.hash });
    };
    window.addEventListener("beforeunload", onUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);

  /** Leaves without saving, to where the held-back navigation led. */
  const proceed = () => {
    const p = pending;
    setPending(null);
    if (!p) return;
    leaving.current = true;
    if (p.kind === "back") {
      sentinel.current = null;
      history.go(p.delta);
    } else if (onSentinel(sentinel.current)) {
      // In place of the guard's entry, so history reads as if there had been no guard.
      sentinel.current = null;
      router.replace(p.to);
    } else {
      router.push(p.to);
    }
  };
  return { pending, cancel: () => setPending(null), proceed };
}
