import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { FidelityLabels } from "./score";

export const CORPUS_DIR = path.join(import.meta.dirname, "../../tests/fixtures/fidelity");

/** Every transcript of the corpus with its labels (`<name>.labels.json` next to `<name>.json[l]`). */
export function loadCorpus(dir = CORPUS_DIR): { name: string; file: string; text: string; labels: FidelityLabels }[] {
  const files = readdirSync(dir);
  return files
    .filter((f) => f.endsWith(".labels.json"))
    .sort()
    .map((labelsFile) => {
      const name = labelsFile.slice(0, -".labels.json".length);
      const file = files.find((f) => f !== labelsFile && (f === `${name}.json` || f === `${name}.jsonl`));
      if (!file) throw new Error(`${labelsFile}: no transcript ${name}.json or ${name}.jsonl next to it`);
      return { name, file, text: readFileSync(path.join(dir, file), "utf8"), labels: JSON.parse(readFileSync(path.join(dir, labelsFile), "utf8")) as FidelityLabels };
    });
}
