// Turns what a seller pastes or uploads into the list of ASINs to send. Validation stays with the
// server (it answers per ASIN), so every token is sent as typed; this only finds the tokens.

const SEPARATORS = /[\s,;]+/;

/** Tokens of a pasted list: one or many per line, split on whitespace, commas or semicolons. */
export function parsePastedAsins(text: string): string[] {
  return dedupe(text.split(SEPARATORS));
}

/**
 * The ASIN column of an uploaded CSV: the column headed "asin" (any case) when there is a header
 * row, else the first column. Quotes around cells are dropped.
 */
export function parseCsvAsins(csv: string): string[] {
  const rows = csv
    .split(/\r?\n/)
    .map((line) => line.split(/[,;\t]/).map((cell) => cell.trim().replace(/^"(.*)"$/, "$1").trim()))
    .filter((cells) => cells.some((c) => c !== ""));
  if (rows.length === 0) return [];
  const header = rows[0]!.findIndex((c) => c.toLowerCase() === "asin");
  const column = header >= 0 ? header : 0;
  return dedupe((header >= 0 ? rows.slice(1) : rows).map((cells) => cells[column] ?? ""));
}

function dedupe(tokens: string[]): string[] {
  const seen = new Set<string>();
  for (const token of tokens) {
    const trimmed = token.trim();
    if (trimmed) seen.add(trimmed);
  }
  return [...seen];
}
