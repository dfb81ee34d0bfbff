"use client";
import { useCallback, useState } from "react";

type State<T> = { past: T[]; present: T; future: T[]; tag?: string; at: number };

const COALESCE_MS = 1000;
const LIMIT = 200;

/**
 * Undo/redo over immutable values. Edits with the same tag within a second replace the last entry,
 * so typing a query undoes as one change, not one per key.
 */
export function useUndoable<T>(initial: T) {
  const [s, setS] = useState<State<T>>({ past: [], present: initial, future: [], at: 0 });
  const apply = useCallback((next: T, tag?: string) => {
    setS((cur) => {
      if (next === cur.present) return cur;
      const now = Date.now();
      const merge = tag !== undefined && tag === cur.tag && now - cur.at < COALESCE_MS;
      return { past: merge ? cur.past : [...cur.past, cur.present].slice(-LIMIT), present: next, future: [], tag, at: now };
    });
  }, []);
  const undo = useCallback(() => setS((cur) => (cur.past.length ? { past: cur.past.slice(0, -1), present: cur.past[cur.past.length - 1]!, future: [cur.present, ...cur.future], at: 0 } : cur)), []);
  const redo = useCallback(() => setS((cur) => (cur.future.length ? { past: [...cur.past, cur.present], present: cur.future[0]!, future: cur.future.slice(1), at: 0 } : cur)), []);
  const reset = useCallback((value: T) => setS({ past: [], present: value, future: [], at: 0 }), []);
  return { value: s.present, apply, undo, redo, reset, canUndo: s.past.length > 0, canRedo: s.future.length > 0 };
}
