import { loadCorpus } from "./fidelity/corpus";
import { formatReport, scoreCorpus } from "./fidelity/score";

// How faithfully real vendor transcripts crystallize: each file of tests/fixtures/fidelity is
// imported, crystallized and compared with its hand-written labels. Pure, no database.
// Usage: npm run bench:fidelity

console.log(formatReport(scoreCorpus(loadCorpus())));
