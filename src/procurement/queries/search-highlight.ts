/**
 * Highlighting of the searched words in a text as published (with its diacritics): the text is folded
 * character by character, exactly as the index folds it (`fold`), so `duong lang` marks “Đường Láng”.
 * A word is marked where a searched word is a prefix of it (the search matches word prefixes).
 * Pure; the output is segments, never HTML — pages render them with JSX (escaped), and
 * `highlightHtml` escapes the text itself.
 */
import { fold } from '../../text/fold.ts';

/** A piece of text, marked when it matches a searched word. */
export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * Splits `text` into segments, marking the beginnings of its words that a folded word of `words`
 * (see `queryWords`) is a prefix of. Returns one unmarked segment when nothing matches.
 */
export function highlight(text: string, words: readonly string[]): Segment[] {
  if (words.length === 0 || text === '') return [{ text, mark: false }];
  // folded[i] came from the original code point starting at origin[i].
  let folded = '';
  const origin: number[] = [];
  let at = 0;
  for (const ch of text) {
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) origin.push(at);
    folded += f;
    at += ch.length;
  }
  origin.push(text.length);
  const marks: [number, number][] = [];
  for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const token = m[0];
    const best = Math.max(0, ...words.filter((w) => token.startsWith(w)).map((w) => w.length));
    if (best === 0) continue;
    const start = origin[m.index]!;
    // The marked part ends where the character after the match begins (so combining marks of NFD
    // input stay with their letter).
    const endFolded = m.index + best;
    let end = origin[endFolded] ?? text.length;
    if (end === start) end = text.length;
    marks.push([start, end]);
  }
  if (marks.length === 0) return [{ text, mark: false }];
  const out: Segment[] = [];
  let pos = 0;
  for (const [s, e] of marks) {
    if (s > pos) out.push({ text: text.slice(pos, s), mark: false });
    out.push({ text: text.slice(s, e), mark: true });
    pos = e;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), mark: false });
  return out;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * `text` as HTML with the matched parts in `<mark>…</mark>`; every character of `text` is escaped,
 * so the only markup in the result is the `<mark>` elements added here. `null` when nothing matches.
 */
export function highlightHtml(text: string | null | undefined, words: readonly string[]): string | null {
  if (!text) return null;
  const segments = highlight(text, words);
  if (!segments.some((s) => s.mark)) return null;
  return segments.map((s) => (s.mark ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text))).join('');
}
