// Short codes the user typed: a region, a country or a team in capitals ("EMEA", "APAC", "US").
// Short values are otherwise too likely to match by chance to be parameters (see
// isBindableLeaf); a code counts only when the user wrote it as a word of its own, in a message
// not itself written in capitals, and it is not one of the abbreviations that turn up in any
// request whatever the task (formats, protocols, currencies, time zones, SQL's own words,
// business metrics, chat shorthand). A false parameter costs a reviewer's attention, so the list
// errs long.

const CODE = /^[A-Z]{2,5}$/;

const COMMON = new Set(
  [
    // Chat and emphasis (not "US", which in a request is the country far more often than a shouted pronoun).
    "OK OKAY YES NO NOT ALL ANY NONE ONLY NEW NOW ASAP FYI PLS PLZ THX TY BTW IMO LOL TLDR TBD TBA ETA EOD EOW EOM WIP RE FW FWD CC BCC PS NB AM PM DO IT IS OR AND THE FOR TO OF IN ON AT BY AS AN BE ME WE MY",
    // Files, formats, protocols, software.
    "SQL API APIS CSV TSV PDF PNG JPG JPEG GIF SVG XML JSON YAML YML HTML CSS JS TS JSX TSX MD TXT LOG ZIP GZ TAR HTTP HTTPS URL URLS URI UUID ID IDS IP DNS SSH SSL TLS TCP UDP FTP SFTP SMTP IMAP REST RPC GRPC CLI GUI UI UX DB SDK AWS GCP AI ML LLM MCP CRM ERP CMS PR PRS CI CD QA DEV PROD UAT OS PC USB RAM CPU GPU KB MB GB TB PK FK ETL",
    // Currencies and time zones.
    "USD EUR GBP JPY CNY CHF CAD AUD NZD INR SEK NOK DKK PLN BRL MXN UTC GMT EST EDT CST CDT MST MDT PST PDT CET CEST BST IST JST AEST",
    // SQL's own words.
    "FROM WHERE NULL ASC DESC SUM AVG MIN MAX COUNT JOIN LEFT RIGHT INNER OUTER FULL CROSS GROUP ORDER LIMIT TRUE FALSE CASE WHEN THEN ELSE END WITH UNION INTO SET DATE TIME TOP HAVING",
    // Business metrics and roles.
    "KPI KPIS ROI GMV AOV MRR ARR LTV CAC SLA SLO SLI NPS CSAT CEO CTO CFO COO CIO VP HR PO SKU SKUS FAQ YTD MTD QTD WTD YOY MOM QOQ WOW TTM LTM PNL",
  ].flatMap((words) => words.split(" ")),
);

/** Whether a value has the shape of a short code and is not a common abbreviation. */
export const isShortCode = (value: string) => CODE.test(value) && !COMMON.has(value);

/**
 * Whether `text` holds `code` as a word of its own, in the same capitals, and is not itself
 * shouted. A word joined to another (`EMEA-North`, `US/CA`, `EMEA.csv`) is that other value.
 */
export function saysCode({ text, code }: { text: string; code: string }): boolean {
  if (!new RegExp(`(?<![\\p{L}\\p{N}_\\-/.])${code}(?![\\p{L}\\p{N}_\\-/]|\\.[\\p{L}\\p{N}])`, "u").test(text)) return false;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = text.match(/\p{Ll}/gu)?.length ?? 0;
  return lower > upper;
}
