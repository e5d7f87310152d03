import type { AppMetrics } from '../../../src/github/metrics.js';

/** A metric's value for some labels (0 when never set), as Prometheus would scrape it; a histogram's `_count` and `_sum` too. */
export async function metricValue(
  metrics: AppMetrics,
  name: string,
  labels: Record<string, string | number> = {},
): Promise<number> {
  const all = await metrics.registry.getMetricsAsJSON();
  const metric = all.find((m) => m.name === name || name.startsWith(`${m.name}_`));
  if (!metric) throw new Error(`no metric ${name}`);
  const found = metric.values.find(
    (v) =>
      ((v as { metricName?: string }).metricName ?? metric.name) === name &&
      Object.entries(labels).every(
        ([key, value]) => String((v.labels as Record<string, unknown>)[key]) === String(value),
      ),
  );
  return found?.value ?? 0;
}
