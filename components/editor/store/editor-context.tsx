"use client";
import { createContext, useContext, type ReactNode } from "react";
import { useStore } from "zustand";
import type { EditorState, EditorStore } from "./editor-store";

// Each open automation has its own store, provided to the editor's parts: they read what they
// need with a selector, so typing in one step's inputs re-renders that panel and the canvas, not
// the toolbar and every dialog.

const EditorContext = createContext<EditorStore | null>(null);

export function EditorProvider({ store, children }: { store: EditorStore; children: ReactNode }) {
  return <EditorContext value={store}>{children}</EditorContext>;
}

/** The open automation's store, for reading state when an event comes (`getState()`). */
export function useEditorStore(): EditorStore {
  const store = useContext(EditorContext);
  if (!store) throw new Error("useEditorStore outside an EditorProvider");
  return store;
}

/** A part of the open automation's editor state; the component re-renders when it changes. */
export function useEditor<T>(selector: (s: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}

/** Whether there is an edit to undo, or one to redo. */
export function useHistory() {
  const temporal = useEditorStore().temporal;
  const canUndo = useStore(temporal, (t) => t.pastStates.length > 0);
  const canRedo = useStore(temporal, (t) => t.futureStates.length > 0);
  return { canUndo, canRedo };
}
