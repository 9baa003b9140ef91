/**
 * The lines of a unified diff (the `diff` of managed-resources: live YAML against desired YAML),
 * each with what it is, for colouring: added (green), removed (red), hunk headers, file headers
 * and unchanged context, with the line numbers of each side.
 */
export type DiffLineType = 'added' | 'removed' | 'context' | 'hunk' | 'header' | 'note';

export interface DiffLine {
  type: DiffLineType;
  text: string;
  /** Line number in the live (old) side, for removed and context lines. */
  oldLine?: number;
  /** Line number in the desired (new) side, for added and context lines. */
  newLine?: number;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export function diffLines(diff: string): DiffLine[] {
  const lines: DiffLine[] = [];
  const raw = diff.replace(/\r\n/g, '\n').split('\n');
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  // Lines left in the current hunk, so that a removed line reading "--- x" is not taken for a header.
  let oldLeft = 0;
  let newLeft = 0;
  let oldLine = 0;
  let newLine = 0;
  for (const text of raw) {
    const inHunk = oldLeft > 0 || newLeft > 0;
    const hunk = HUNK.exec(text);
    if (!inHunk && hunk) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[3]);
      oldLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      newLeft = hunk[4] === undefined ? 1 : Number(hunk[4]);
      lines.push({ type: 'hunk', text });
    } else if (text.startsWith('\\')) {
      lines.push({ type: 'note', text });
    } else if (!inHunk) {
      lines.push({ type: 'header', text });
    } else if (text.startsWith('+')) {
      lines.push({ type: 'added', text, newLine: newLine++ });
      newLeft -= 1;
    } else if (text.startsWith('-')) {
      lines.push({ type: 'removed', text, oldLine: oldLine++ });
      oldLeft -= 1;
    } else {
      lines.push({ type: 'context', text, oldLine: oldLine++, newLine: newLine++ });
      oldLeft -= 1;
      newLeft -= 1;
    }
  }
  return lines;
}

/** How many lines the diff adds and removes. */
export function diffStats(lines: readonly DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.type === 'added') added += 1;
    else if (line.type === 'removed') removed += 1;
  }
  return { added, removed };
}
