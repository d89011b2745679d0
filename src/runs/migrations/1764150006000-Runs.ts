import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runs (persisted calculations), their recalculation history, and a monthly rollup for reports.
 *
 * - `reported_at` = coalesce(started_at, created_at): the instant a run counts under in reports and
 *   list time filters; `report_month` is its UTC month. Both are stored generated columns, so the
 *   report never evaluates date functions per row and the planner has plain statistics on them.
 * - List pages are keyset scans: (tenant, created_at, id) for the unfiltered list and
 *   (tenant, project|team|model, created_at, id) for the filtered ones; each page reads `limit + 1`
 *   index entries whatever the table size. Tags use a GIN index.
 * - `run_rollups` holds per (tenant, month, project, team, model, zone, hardware) sums, kept exact
 *   (numeric) by statement-level triggers with transition tables, so they also stay right under
 *   bulk loads (COPY, multi-row INSERT) at one aggregate per statement. A report over whole months
 *   reads rollup rows only (its cost grows with the number of groups, not of runs); partial months
 *   at the edges of a range are summed from `runs` by index-only scans of (tenant, reported_at) INCLUDE (...).
 * - created_at has millisecond precision so it round-trips through JavaScript Dates and cursors exactly.
 */
export class Runs1764150006000 implements MigrationInterface {
  name = 'Runs1764150006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant text NOT NULL,
        name text,
        project text,
        team text,
        model text,
        tags text[] NOT NULL DEFAULT '{}',
        started_at timestamptz,
        ended_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        reported_at timestamptz GENERATED ALWAYS AS (coalesce(started_at, created_at)) STORED,
        report_month date GENERATED ALWAYS AS ((date_trunc('month', coalesce(started_at, created_at) AT TIME ZONE 'UTC'))::date) STORED,
        request jsonb NOT NULL,
        estimate jsonb NOT NULL,
        data_version text NOT NULL,
        job_id uuid,
        source_row integer,
        idempotency_key text,
        request_hash text NOT NULL,
        method text NOT NULL,
        zone text,
        hardware_id text,
        accelerator_hours double precision,
        energy_kwh double precision NOT NULL,
        co2e_kg double precision NOT NULL,
        operational_co2e_kg double precision NOT NULL,
        embodied_co2e_kg double precision NOT NULL,
        water_l double precision,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT runs_tenant_idempotency_key_key UNIQUE (tenant, idempotency_key),
        CONSTRAINT runs_job_id_source_row_key UNIQUE (job_id, source_row),
        CONSTRAINT runs_ended_after_started CHECK (ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at)
      )`);
    await q.query(`CREATE INDEX runs_tenant_created_idx ON runs (tenant, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX runs_tenant_project_created_idx ON runs (tenant, project, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX runs_tenant_team_created_idx ON runs (tenant, team, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX runs_tenant_model_created_idx ON runs (tenant, model, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX runs_tags_idx ON runs USING gin (tags)`);
    // Covering: the report's partial edge months are index-only scans (no heap visits to the wide rows).
    await q.query(`CREATE INDEX runs_tenant_reported_idx ON runs (tenant, reported_at)
      INCLUDE (report_month, project, team, model, zone, hardware_id, accelerator_hours, energy_kwh, co2e_kg)`);
    await q.query(`CREATE INDEX runs_job_idx ON runs (job_id) WHERE job_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE run_history (
        run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        version integer NOT NULL,
        estimate jsonb NOT NULL,
        data_version text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, version)
      )`);

    await q.query(`
      CREATE TABLE run_rollups (
        tenant text NOT NULL,
        month date NOT NULL,
        project text,
        team text,
        model text,
        zone text,
        hardware_id text,
        runs bigint NOT NULL,
        accelerator_hours numeric NOT NULL,
        energy_kwh numeric NOT NULL,
        co2e_kg numeric NOT NULL,
        CONSTRAINT run_rollups_key UNIQUE NULLS NOT DISTINCT (tenant, month, project, team, model, zone, hardware_id)
      )`);
    await q.query(`
      CREATE FUNCTION runs_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO run_rollups AS r (tenant, month, project, team, model, zone, hardware_id, runs, accelerator_hours, energy_kwh, co2e_kg)
          SELECT tenant, report_month, project, team, model, zone, hardware_id, -count(*),
                 -coalesce(sum(accelerator_hours::numeric), 0), -sum(energy_kwh::numeric), -sum(co2e_kg::numeric)
          FROM old_runs GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
          ON CONFLICT ON CONSTRAINT run_rollups_key DO UPDATE SET
            runs = r.runs + EXCLUDED.runs, accelerator_hours = r.accelerator_hours + EXCLUDED.accelerator_hours,
            energy_kwh = r.energy_kwh + EXCLUDED.energy_kwh, co2e_kg = r.co2e_kg + EXCLUDED.co2e_kg;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO run_rollups AS r (tenant, month, project, team, model, zone, hardware_id, runs, accelerator_hours, energy_kwh, co2e_kg)
          SELECT tenant, report_month, project, team, model, zone, hardware_id, count(*),
                 coalesce(sum(accelerator_hours::numeric), 0), sum(energy_kwh::numeric), sum(co2e_kg::numeric)
          FROM new_runs GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
          ON CONFLICT ON CONSTRAINT run_rollups_key DO UPDATE SET
            runs = r.runs + EXCLUDED.runs, accelerator_hours = r.accelerator_hours + EXCLUDED.accelerator_hours,
            energy_kwh = r.energy_kwh + EXCLUDED.energy_kwh, co2e_kg = r.co2e_kg + EXCLUDED.co2e_kg;
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await q.query(
      `CREATE TRIGGER runs_rollup_insert AFTER INSERT ON runs REFERENCING NEW TABLE AS new_runs FOR EACH STATEMENT EXECUTE FUNCTION runs_rollup_apply()`,
    );
    await q.query(
      `CREATE TRIGGER runs_rollup_update AFTER UPDATE ON runs REFERENCING OLD TABLE AS old_runs NEW TABLE AS new_runs FOR EACH STATEMENT EXECUTE FUNCTION runs_rollup_apply()`,
    );
    await q.query(
      `CREATE TRIGGER runs_rollup_delete AFTER DELETE ON runs REFERENCING OLD TABLE AS old_runs FOR EACH STATEMENT EXECUTE FUNCTION runs_rollup_apply()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE run_rollups`);
    await q.query(`DROP TABLE run_history`);
    await q.query(`DROP TABLE runs`);
    await q.query(`DROP FUNCTION runs_rollup_apply()`);
  }
}
