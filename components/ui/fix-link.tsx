import Link from "next/link";
import type { ProblemFix } from "@/lib/editor/problem-fix";

/** The page that fixes a step's problem; leaving the editor this way is guarded like any link. */
export function FixLink({ fix }: { fix: ProblemFix | null }) {
  if (!fix) return null;
  return (
    <Link href={fix.href} className="font-medium text-indigo-700 underline dark:text-indigo-300">
      {fix.label}
    </Link>
  );
}
