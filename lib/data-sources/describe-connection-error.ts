// Node's socket errors ("getaddrinfo ENOTFOUND db.example.com") said as a person would; anything
// else is kept as the driver said it.
const PLAIN: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/getaddrinfo (?:ENOTFOUND|EAI_AGAIN) (\S+)/, (m) => `the host ${m[1]} was not found (check its name)`],
  [/connect ECONNREFUSED (\S+)/, (m) => `nothing accepts connections at ${m[1]} (is the database running on that port?)`],
  [/ETIMEDOUT|timeout expired|Connection terminated due to connection timeout/i, () => "the server did not answer in time"],
  [/password authentication failed for user "([^"]+)"/, (m) => `the server refused the password for user "${m[1]}"`],
  [/database "([^"]+)" does not exist/, (m) => `the server has no database "${m[1]}"`],
];

export function describeConnectionError(message: string): string {
  for (const [re, say] of PLAIN) {
    const m = message.match(re);
    if (m) return message.replace(m[0], say(m));
  }
  return message;
}
