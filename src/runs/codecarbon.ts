/**
 * CodeCarbon's emissions record (one line of the `emissions.csv` its `EmissionsTracker` writes, or the same
 * columns as a JSON object: docs.codecarbon.io, "Output": timestamp, project_name, run_id, duration [s],
 * emissions [kg CO2eq], energy_consumed [kWh], cpu/gpu/ram_energy, country_iso_code [ISO 3166-1 alpha-3],
 * region, cloud_provider, cloud_region, gpu_count, gpu_model, pue, ...) as a run. One mapping for a job's
 * CSV rows and for `POST /v1/runs` with `codecarbon`:
 * - `request.energyKwh` = energy_consumed (CPU + GPU + RAM as CodeCarbon measured it);
 * - the place: `cloud_provider` + `cloud_region` when both are given (the cloud region's grid), else the
 *   country (`country_iso_code`, resolved from alpha-3 by the grid);
 * - the hardware: `gpu_model` ("8 x NVIDIA H100 80GB HBM3" -> ref "NVIDIA H100 80GB HBM3", count 8; else
 *   `gpu_count`), resolved by the catalog, for embodied emissions;
 * - PUE: CodeCarbon's default PUE is 1 (its energy excludes the data centre's overhead), so the service's
 *   default PUE for the place applies and is stated in the run's factors. A record written with another `pue`
 *   already includes that overhead, so it is priced with `pue: 1`;
 * - the time: CodeCarbon writes the end time (local, usually without an offset; read as UTC) and the
 *   duration, so startedAt = timestamp - duration and the run is priced at its own time;
 * - labels: project = project_name, name = "codecarbon <run_id>", tags ["codecarbon"];
 * - `reported`: CodeCarbon's own figures (emissions, energy_consumed), so the run answers the difference
 *   between the service's CO2e and CodeCarbon's.
 * Unparseable values are passed through as text, so the run's validation names the field.
 */

/** A record's columns by name (lower case, trimmed); a missing column reads as ''. */
export type CodeCarbonRecord = (column: string) => string;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const num = (raw: string): number | string => (NUMBER.test(raw) ? Number(raw) : raw);
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
/** The largest instant a JavaScript Date holds (ECMA-262: 8.64e15 ms either side of 1970). */
const MAX_DATE_MS = 8.64e15;

/** The columns that make a record CodeCarbon's: its energy, emissions and duration, and a run id or project. */
export function isCodeCarbonColumns(columns: Iterable<string>): boolean {
  const h = new Set([...columns].map((c) => c.trim().toLowerCase()));
  return h.has('energy_consumed') && h.has('emissions') && h.has('duration') && (h.has('run_id') || h.has('project_name'));
}

/** "8 x NVIDIA H100 80GB HBM3" -> { ref, count }; several models ("1 x A, 2 x B") keep the first. */
export function parseGpuModel(raw: string, gpuCount: string): { ref: string; count?: number | string } | null {
  const first = raw.split(',')[0].trim();
  if (!first) return null;
  const m = /^(\d+)\s*x\s*(.+)$/i.exec(first);
  if (m) return { ref: m[2].trim(), count: Number(m[1]) };
  return gpuCount ? { ref: first, count: num(gpuCount) } : { ref: first };
}

/** The run (a RunInput as plain JSON) a CodeCarbon record describes. */
export function codecarbonRun(get: CodeCarbonRecord): Record<string, unknown> {
  const request: Record<string, unknown> = { energyKwh: num(get('energy_consumed')) };
  const provider = get('cloud_provider');
  const region = get('cloud_region');
  const country = get('country_iso_code');
  if (provider && region) request.location = { provider, region };
  else if (country) request.location = { zone: country };
  else request.location = {};
  const gpu = parseGpuModel(get('gpu_model'), get('gpu_count'));
  if (gpu) request.hardware = gpu;
  const pue = get('pue');
  if (pue && NUMBER.test(pue) && Number(pue) !== 1) request.pue = 1;

  const row: Record<string, unknown> = { request, tags: ['codecarbon'] };
  const runId = get('run_id');
  row.name = runId ? `codecarbon ${runId}` : 'codecarbon';
  const project = get('project_name');
  if (project) row.project = project;
  const ts = get('timestamp');
  if (ts) {
    const end = HAS_OFFSET.test(ts) ? ts : `${ts}Z`;
    const endMs = Date.parse(end);
    const duration = Number(get('duration'));
    if (Number.isFinite(endMs)) {
      row.endedAt = new Date(endMs).toISOString();
      const startMs = endMs - duration * 1000;
      // a duration beyond what a Date can hold (about 275,000 years) is passed as text for validation to name
      if (Number.isFinite(duration) && duration >= 0)
        row.startedAt = Math.abs(startMs) <= MAX_DATE_MS ? new Date(startMs).toISOString() : `${get('duration')} s before ${ts}`;
    } else {
      row.endedAt = ts; // validation names it
    }
  }
  const reported: Record<string, unknown> = { source: 'codecarbon' };
  const emissions = get('emissions');
  if (emissions) reported.co2eKg = num(emissions);
  const energy = get('energy_consumed');
  if (energy) reported.energyKwh = num(energy);
  row.reported = reported;
  return row;
}

/** A JSON object of CodeCarbon's columns (values as CodeCarbon writes them: numbers or text) as a record. */
export function codecarbonRecordOf(value: Record<string, unknown>): CodeCarbonRecord {
  const byName = new Map<string, string>();
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    byName.set(k.trim().toLowerCase(), typeof v === 'string' ? v.trim() : String(v));
  }
  return (column) => byName.get(column) ?? '';
}
