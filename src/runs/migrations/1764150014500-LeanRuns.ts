import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lean runs. A stored estimate was ~7 kB of JSON, most of it the same sources, licences, equivalents
 * and default-explaining warnings in every run of a data release. Those texts now live once in
 * `run_texts` (keyed by SHA-256) and the estimate of a run (and of its history) holds references in
 * their place: `estimate` becomes `estimate_packed` (format and rules: src/runs/run-texts.ts). Existing
 * rows are converted by run_texts_pack() in a table rewrite (ALTER COLUMN ... TYPE ... USING), so the
 * rollup triggers do not fire; `down` converts back with run_texts_unpack().
 *
 * Index and trigger review (every query on runs is in src/runs/runs.repository.ts and the jobs chunk writer):
 * - runs_job_idx (job_id) is dropped: no query needs it that the unique (job_id, source_row) index,
 *   whose leading column is job_id, does not serve.
 * - UNIQUE (tenant, idempotency_key) and UNIQUE (job_id, source_row) become partial unique indexes
 *   (WHERE idempotency_key / job_id IS NOT NULL): a job's runs have no key and an API run no job, and
 *   NULLs never conflict, so the entries for NULL only cost writes. The inserts name the predicate.
 * - Kept: (tenant, created_at, id) and its project/team/model variants (keyset list pages, unfiltered and
 *   filtered), GIN (tags) (the list's tag filter), the covering (tenant, reported_at) (reports' partial
 *   months and the list's time filter), the rollup triggers (run_rollups is exact only with them), the
 *   primary keys and run_rollups_key (the rollup upsert).
 */
const MARK = `U&'\\E000'`;
const TEXT_KEYS = `('source', 'license', 'url', 'name', 'unit', 'warnings')`;

export class LeanRuns1764150014500 implements MigrationInterface {
  name = 'LeanRuns1764150014500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE run_texts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        sha256 bytea NOT NULL,
        text text NOT NULL,
        CONSTRAINT run_texts_sha256_key UNIQUE (sha256)
      )`);
    // The id of a text, stored when new.
    await q.query(`
      CREATE FUNCTION run_texts_id(t text) RETURNS bigint LANGUAGE plpgsql AS $fn$
      DECLARE
        h bytea := sha256(convert_to(t, 'UTF8'));
        i bigint;
      BEGIN
        SELECT id INTO i FROM run_texts WHERE sha256 = h;
        IF NOT FOUND THEN
          INSERT INTO run_texts (sha256, text) VALUES (h, t) ON CONFLICT (sha256) DO NOTHING RETURNING id INTO i;
          IF i IS NULL THEN SELECT id INTO i FROM run_texts WHERE sha256 = h; END IF;
        END IF;
        RETURN i;
      END
      $fn$`);
    // packTexts() of src/runs/run-texts.ts in SQL (k: the key the value is under; arrays pass theirs on).
    await q.query(`
      CREATE FUNCTION run_texts_pack(j jsonb, k text DEFAULT NULL) RETURNS jsonb LANGUAGE plpgsql AS $fn$
      DECLARE t text;
      BEGIN
        CASE jsonb_typeof(j)
          WHEN 'object' THEN
            RETURN coalesce((SELECT jsonb_object_agg(e.key, run_texts_pack(e.value, e.key)) FROM jsonb_each(j) AS e), '{}'::jsonb);
          WHEN 'array' THEN
            RETURN coalesce((SELECT jsonb_agg(run_texts_pack(e.value, k) ORDER BY e.n)
                             FROM jsonb_array_elements(j) WITH ORDINALITY AS e(value, n)), '[]'::jsonb);
          WHEN 'string' THEN
            t := j #>> '{}';
            IF left(t, 1) = ${MARK} OR (k IN ${TEXT_KEYS} AND char_length(t) >= 16) THEN
              RETURN to_jsonb(${MARK} || run_texts_id(t)::text);
            END IF;
            RETURN j;
          ELSE
            RETURN j;
        END CASE;
      END
      $fn$`);
    // unpackTexts() in SQL.
    await q.query(`
      CREATE FUNCTION run_texts_unpack(j jsonb) RETURNS jsonb LANGUAGE plpgsql STABLE AS $fn$
      DECLARE t text;
      BEGIN
        CASE jsonb_typeof(j)
          WHEN 'object' THEN
            RETURN coalesce((SELECT jsonb_object_agg(e.key, run_texts_unpack(e.value)) FROM jsonb_each(j) AS e), '{}'::jsonb);
          WHEN 'array' THEN
            RETURN coalesce((SELECT jsonb_agg(run_texts_unpack(e.value) ORDER BY e.n)
                             FROM jsonb_array_elements(j) WITH ORDINALITY AS e(value, n)), '[]'::jsonb);
          WHEN 'string' THEN
            t := j #>> '{}';
            IF left(t, 1) = ${MARK} THEN
              RETURN to_jsonb((SELECT text FROM run_texts WHERE id = substr(t, 2)::bigint));
            END IF;
            RETURN j;
          ELSE
            RETURN j;
        END CASE;
      END
      $fn$`);
    await q.query(`ALTER TABLE runs ALTER COLUMN estimate TYPE jsonb USING run_texts_pack(estimate)`);
    await q.query(`ALTER TABLE runs RENAME COLUMN estimate TO estimate_packed`);
    await q.query(`ALTER TABLE run_history ALTER COLUMN estimate TYPE jsonb USING run_texts_pack(estimate)`);
    await q.query(`ALTER TABLE run_history RENAME COLUMN estimate TO estimate_packed`);

    await q.query(`DROP INDEX runs_job_idx`);
    await q.query(`ALTER TABLE runs DROP CONSTRAINT runs_tenant_idempotency_key_key`);
    await q.query(
      `CREATE UNIQUE INDEX runs_tenant_idempotency_key_key ON runs (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    await q.query(`ALTER TABLE runs DROP CONSTRAINT runs_job_id_source_row_key`);
    await q.query(`CREATE UNIQUE INDEX runs_job_id_source_row_key ON runs (job_id, source_row) WHERE job_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX runs_job_id_source_row_key`);
    await q.query(`ALTER TABLE runs ADD CONSTRAINT runs_job_id_source_row_key UNIQUE (job_id, source_row)`);
    await q.query(`DROP INDEX runs_tenant_idempotency_key_key`);
    await q.query(`ALTER TABLE runs ADD CONSTRAINT runs_tenant_idempotency_key_key UNIQUE (tenant, idempotency_key)`);
    await q.query(`CREATE INDEX runs_job_idx ON runs (job_id) WHERE job_id IS NOT NULL`);

    await q.query(`ALTER TABLE run_history RENAME COLUMN estimate_packed TO estimate`);
    await q.query(`ALTER TABLE run_history ALTER COLUMN estimate TYPE jsonb USING run_texts_unpack(estimate)`);
    await q.query(`ALTER TABLE runs RENAME COLUMN estimate_packed TO estimate`);
    await q.query(`ALTER TABLE runs ALTER COLUMN estimate TYPE jsonb USING run_texts_unpack(estimate)`);
    await q.query(`DROP FUNCTION run_texts_unpack(jsonb)`);
    await q.query(`DROP FUNCTION run_texts_pack(jsonb, text)`);
    await q.query(`DROP FUNCTION run_texts_id(text)`);
    await q.query(`DROP TABLE run_texts`);
  }
}
