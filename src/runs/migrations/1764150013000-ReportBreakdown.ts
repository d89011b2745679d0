import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports a spreadsheet user can read need operational, embodied and water sums next to CO2e. The monthly
 * rollups gain those three sums (exact numeric, like the others), the trigger function maintains them, the
 * rollups are rebuilt from the runs once (existing rows carried none), and the covering index of the
 * report's partial edge months includes the new columns so those stay index-only scans.
 */
const SUMS_OLD = `-count(*), -coalesce(sum(accelerator_hours::numeric), 0), -sum(energy_kwh::numeric), -sum(co2e_kg::numeric),
                 -sum(operational_co2e_kg::numeric), -sum(embodied_co2e_kg::numeric), -coalesce(sum(water_l::numeric), 0)`;
const SUMS_NEW = SUMS_OLD.replace(/-/g, '');
const COLUMNS = `tenant, month, project, team, model, zone, hardware_id, runs, accelerator_hours, energy_kwh, co2e_kg,
                 operational_co2e_kg, embodied_co2e_kg, water_l`;
const ON_CONFLICT = `ON CONFLICT ON CONSTRAINT run_rollups_key DO UPDATE SET
            runs = r.runs + EXCLUDED.runs, accelerator_hours = r.accelerator_hours + EXCLUDED.accelerator_hours,
            energy_kwh = r.energy_kwh + EXCLUDED.energy_kwh, co2e_kg = r.co2e_kg + EXCLUDED.co2e_kg,
            operational_co2e_kg = r.operational_co2e_kg + EXCLUDED.operational_co2e_kg,
            embodied_co2e_kg = r.embodied_co2e_kg + EXCLUDED.embodied_co2e_kg, water_l = r.water_l + EXCLUDED.water_l`;

export class ReportBreakdown1764150013000 implements MigrationInterface {
  name = 'ReportBreakdown1764150013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE run_rollups
      ADD COLUMN operational_co2e_kg numeric NOT NULL DEFAULT 0,
      ADD COLUMN embodied_co2e_kg numeric NOT NULL DEFAULT 0,
      ADD COLUMN water_l numeric NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE OR REPLACE FUNCTION runs_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO run_rollups AS r (${COLUMNS})
          SELECT tenant, report_month, project, team, model, zone, hardware_id, ${SUMS_OLD}
          FROM old_runs GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
          ${ON_CONFLICT};
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO run_rollups AS r (${COLUMNS})
          SELECT tenant, report_month, project, team, model, zone, hardware_id, ${SUMS_NEW}
          FROM new_runs GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
          ${ON_CONFLICT};
        END IF;
        RETURN NULL;
      END
      $fn$`);
    // Rebuild from the runs (under a lock, so no run is written between the delete and the insert).
    await q.query(`LOCK TABLE runs IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(`DELETE FROM run_rollups`);
    await q.query(`INSERT INTO run_rollups (${COLUMNS})
      SELECT tenant, report_month, project, team, model, zone, hardware_id, ${SUMS_NEW}
      FROM runs GROUP BY 1, 2, 3, 4, 5, 6, 7`);
    await q.query(`DROP INDEX runs_tenant_reported_idx`);
    await q.query(`CREATE INDEX runs_tenant_reported_idx ON runs (tenant, reported_at)
      INCLUDE (report_month, project, team, model, zone, hardware_id, accelerator_hours, energy_kwh, co2e_kg,
               operational_co2e_kg, embodied_co2e_kg, water_l)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX runs_tenant_reported_idx`);
    await q.query(`CREATE INDEX runs_tenant_reported_idx ON runs (tenant, reported_at)
      INCLUDE (report_month, project, team, model, zone, hardware_id, accelerator_hours, energy_kwh, co2e_kg)`);
    const oldCols = 'tenant, month, project, team, model, zone, hardware_id, runs, accelerator_hours, energy_kwh, co2e_kg';
    const old = (sign: string) =>
      `${sign}count(*), ${sign}coalesce(sum(accelerator_hours::numeric), 0), ${sign}sum(energy_kwh::numeric), ${sign}sum(co2e_kg::numeric)`;
    const conflict = `ON CONFLICT ON CONSTRAINT run_rollups_key DO UPDATE SET
            runs = r.runs + EXCLUDED.runs, accelerator_hours = r.accelerator_hours + EXCLUDED.accelerator_hours,
            energy_kwh = r.energy_kwh + EXCLUDED.energy_kwh, co2e_kg = r.co2e_kg + EXCLUDED.co2e_kg`;
    await q.query(`
      CREATE OR REPLACE FUNCTION runs_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO run_rollups AS r (${oldCols})
          SELECT tenant, report_month, project, team, model, zone, hardware_id, ${old('-')}
          FROM old_runs GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
          ${conflict};
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO run_rollups AS r (${oldCols})
          SELECT tenant, report_month, project, team, model, zone, hardware_id, ${old('')}
          FROM new_runs GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
          ${conflict};
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await q.query(`ALTER TABLE run_rollups DROP COLUMN operational_co2e_kg, DROP COLUMN embodied_co2e_kg, DROP COLUMN water_l`);
  }
}
