import { describe, expect, it } from 'vitest';
import { diffLines, diffStats } from './diffLines';

const diff = [
  '--- live',
  '+++ desired',
  '@@ -1,4 +1,4 @@',
  ' apiVersion: v1',
  ' data:',
  '-  mode: slow',
  '+  mode: fast',
  ' kind: ConfigMap',
  '@@ -9,2 +9,3 @@',
  '---- a line that starts with dashes',
  '+++++ and one with pluses',
  '+  extra: yes',
  ' end',
  '\\ No newline at end of file',
  '',
].join('\n');

describe('diffLines', () => {
  const lines = diffLines(diff);

  it('tells headers, hunks, added, removed and context lines apart', () => {
    expect(lines.map((l) => l.type)).toEqual([
      'header',
      'header',
      'hunk',
      'context',
      'context',
      'removed',
      'added',
      'context',
      'hunk',
      'removed',
      'added',
      'added',
      'context',
      'note',
    ]);
  });

  it('reads "---" and "+++" inside a hunk as a removed and an added line', () => {
    expect(lines[9]).toMatchObject({ type: 'removed', text: '---- a line that starts with dashes', oldLine: 9 });
    expect(lines[10]).toMatchObject({ type: 'added', text: '+++++ and one with pluses', newLine: 9 });
  });

  it('numbers the lines of each side', () => {
    expect(lines[5]).toMatchObject({ oldLine: 3 });
    expect(lines[6]).toMatchObject({ newLine: 3 });
    expect(lines[7]).toMatchObject({ oldLine: 4, newLine: 4 });
    expect(lines[12]).toMatchObject({ oldLine: 10, newLine: 11 });
  });

  it('counts what changed', () => {
    expect(diffStats(lines)).toEqual({ added: 3, removed: 2 });
  });

  it('gives nothing for an empty diff', () => {
    expect(diffLines('')).toEqual([]);
  });

  it('reads a hunk header without counts as one line', () => {
    expect(diffLines('@@ -3 +3 @@\n-a\n+b\n').map((l) => l.type)).toEqual(['hunk', 'removed', 'added']);
  });
});
