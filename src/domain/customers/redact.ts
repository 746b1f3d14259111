/**
 * What an erasure removes from the text it keeps (subjects, previews, agents' replies and
 * notes, line items, mail errors): the customer's emails and phone numbers wherever they
 * appear (case-insensitively), and its names as whole words, as written (so a customer named
 * "Will" does not erase "will" from a sentence).
 */
export interface Identity {
  emails: string[];
  phones: string[];
  firstName: string | null;
  lastName: string | null;
}

export const ERASED = "[erased]";

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const word = (text: string) => `(?<![\\p{L}\\p{N}_])${literal(text)}(?![\\p{L}\\p{N}_])`;

/** Names shorter than this are not looked for in text (an initial would erase every such letter). */
const MIN_NAME_LENGTH = 2;

export function redactor(identity: Identity): (text: string) => string {
  const literals = [...identity.emails, ...identity.phones].map((value) => value.trim()).filter(Boolean);
  const first = identity.firstName?.trim() ?? "";
  const last = identity.lastName?.trim() ?? "";
  const names = [first && last ? `${first} ${last}` : "", first, last].filter(
    (name) => [...name].length >= MIN_NAME_LENGTH,
  );
  const patterns = [
    ...literals.sort((a, b) => b.length - a.length).map((value) => new RegExp(literal(value), "giu")),
    ...names.map((name) => new RegExp(word(name), "gu")),
  ];
  return (text) => patterns.reduce((result, pattern) => result.replace(pattern, ERASED), text);
}
