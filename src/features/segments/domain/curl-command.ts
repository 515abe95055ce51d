/**
 * Builds the cURL command for a request, never with the token itself in it.
 * e.g. ("https://fanpass-api.fanreachdata.io/api/v1/segments", '{"tag":"a"}')
 *   → curl -X POST 'https://…/api/v1/segments' -H "Authorization: Bearer $FANPASS_TOKEN" … --data-raw '{"tag":"a"}'
 */
export function curlCommand(url: string, body: string): string {
  return [
    `curl -X POST ${shellQuote(url)}`,
    `  -H "Authorization: Bearer $FANPASS_TOKEN"`,
    `  -H 'Content-Type: application/json'`,
    `  --data-raw ${shellQuote(body)}`,
  ].join(' \\\n')
}

// Single quotes stop the shell expanding anything; a quote inside is closed, escaped and reopened.
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`
}
