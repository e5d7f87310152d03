/**
 * A plain-text table with padded columns; the last column is never padded. Cells longer than
 * `maxWidth` are cut with "…" so one long value cannot push every row off the screen.
 */
export function renderTable(header: string[], rows: string[][], maxWidth = 60): string {
  const clipped = rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : clip(cell, maxWidth))));
  const widths = header.map((h, i) => Math.max(h.length, ...clipped.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...clipped.map(line)].join('\n') + '\n';
}

function clip(cell: string, maxWidth: number): string {
  return cell.length <= maxWidth ? cell : cell.slice(0, maxWidth - 1) + '…';
}

/** "a, b, c (+4 more)": a list that stays short in a table cell. */
export function summarizeList(items: readonly string[], shown = 3): string {
  if (items.length <= shown) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} (+${items.length - shown} more)`;
}
