// The audit store the app benchmarks use: PGlite in memory (the embedded default, minus the disk).
const { openPglite } = await import(new URL('../dist/audit/pgliteDatabase.js', import.meta.url).href);
const { auditServices } = await import(new URL('../dist/audit/services.js', import.meta.url).href);

export async function openAuditForBench() {
  return auditServices(await openPglite(null));
}
