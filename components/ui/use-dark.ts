"use client";
import { useSyncExternalStore } from "react";

const subscribe = (onChange: () => void) => {
  const obs = new MutationObserver(onChange);
  obs.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => obs.disconnect();
};
const isDark = () => document.documentElement.classList.contains("dark");
// The server cannot know: the page renders light and switches once hydrated, as the theme script says.
const onServer = () => false;

/** Whether the page is in dark mode (the `dark` class on <html>), following toggles live. */
export function useDark() {
  return useSyncExternalStore(subscribe, isDark, onServer);
}
