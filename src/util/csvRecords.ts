/**
 * What Terraform's `csvdecode` gives: one object per row after the header, keyed by the header's
 * names, every value a string (RFC 4180: quoted fields may hold commas, newlines and `""`).
 * Throws on a row whose field count differs from the header's, as Terraform does.
 */
export function csvRecords(text: string): Record<string, string>[] {
  const rows = csvRows(text);
  const header = rows.shift();
  if (!header) return [];
  return rows.map((row, i) => {
    if (row.length !== header.length)
      throw new Error(`csv row ${i + 2} has ${row.length} fields, not ${header.length}`);
    return Object.fromEntries(header.map((name, j) => [name, row[j]!]));
  });
}

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
