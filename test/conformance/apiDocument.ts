/**
 * Reads the FreeScout API document (test/fixtures/freescout-api.txt, a copy of
 * ../shared/spec/freescout-api.txt) into its endpoint examples: the curl request and the
 * example response of every endpoint section.
 */
import documentText from "../fixtures/freescout-api.txt?raw";

export interface DocumentedExample {
  /** e.g. "POST api/conversations/{conversationId}/threads" */
  endpoint: string;
  title: string;
  method: string;
  /** Path and query of the curl example, e.g. "/api/conversations/1?embed=threads" */
  url: string;
  body: unknown;
  status: number;
  resourceId: boolean;
  responseJson: unknown;
}

const lines = documentText.split("\n");

function titleBefore(index: number): string {
  // The section title is the first line of the block that ends with "Example request:".
  let i = index;
  while (i > 0 && lines[i] !== "Example request:") i--;
  let j = i - 1;
  while (j > 0 && lines[j]!.trim() !== "") j--;
  while (j > 0 && lines[j - 1]!.trim() !== "") j--;
  // Table headers ("Field Type Description") sit between some titles and their examples.
  const candidates = lines
    .slice(Math.max(0, j - 4), i)
    .filter(
      (l) => l.trim() && l.length < 40 && !/[.:]$/.test(l) && !/^(Field|Parameter) /.test(l) && l !== "Response Fields",
    );
  return candidates.at(-1) ?? "";
}

export function documentedExamples(): DocumentedExample[] {
  const examples: DocumentedExample[] = [];
  lines.forEach((line, index) => {
    if (line !== "HTTP Request") return;
    const endpoint = lines
      .slice(index + 1)
      .find((l) => l.trim())!
      .trim();
    const [method] = endpoint.split(" ");
    let start = index - 1;
    while (start > 0 && !lines[start]!.startsWith("curl -X ")) start--;
    const curl = lines[start]!;
    const url = new URL(curl.match(/"(https?:\/\/[^"]+)"/)![1]!);
    let bodyText: string | undefined;
    for (let k = start + 1; k < index && !lines[k]!.startsWith("$client"); k++) {
      const data = lines[k]!.match(/^\s*-d '(.*)'$/);
      if (data) bodyText = data[1];
    }
    let responseAt = start;
    while (!lines[responseAt]!.startsWith("Example response (")) responseAt++;
    const status = Number(lines[responseAt]!.match(/\((\d{3})\)/)![1]);
    const responseText = lines
      .slice(responseAt + 1, index)
      .join("\n")
      .trim();
    examples.push({
      endpoint,
      title: titleBefore(start),
      method: method!,
      url: `${url.pathname}${url.search}`,
      body: bodyText === undefined ? undefined : JSON.parse(bodyText),
      status,
      resourceId: /^Resource-ID: /m.test(responseText),
      responseJson: responseText.startsWith("{") ? JSON.parse(responseText) : undefined,
    });
  });
  return examples;
}
