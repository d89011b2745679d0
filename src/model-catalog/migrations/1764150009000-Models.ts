import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The model catalog: architecture facts of language models (seed/models.json, plus admin entries).
 * Resolution and listing are served from memory (ModelCatalogService); `data_version` references the
 * release or admin write that last wrote the row (deferred: the seed writes rows before the release row).
 */
export class Models1764150009000 implements MigrationInterface {
  name = 'Models1764150009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE models (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+([-.][a-z0-9]+)*$' AND length(id) <= 200),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        family text NOT NULL,
        vendor text NOT NULL,
        hugging_face_id text,
        aliases text[] NOT NULL DEFAULT '{}'::text[],
        access text NOT NULL CHECK (access IN ('open-weights', 'closed')),
        parameter_status text NOT NULL CHECK (parameter_status IN ('published', 'estimate')),
        total_parameters double precision NOT NULL CHECK (total_parameters > 0),
        active_parameters double precision NOT NULL CHECK (active_parameters > 0 AND active_parameters <= total_parameters),
        parameter_range jsonb,
        architecture text NOT NULL CHECK (architecture IN ('dense', 'moe', 'hybrid')),
        layers integer CHECK (layers > 0),
        hidden_size integer CHECK (hidden_size > 0),
        attention_heads integer CHECK (attention_heads > 0),
        kv_heads integer CHECK (kv_heads > 0),
        head_dim integer CHECK (head_dim > 0),
        context_length integer CHECK (context_length > 0),
        vocab_size integer CHECK (vocab_size > 0),
        experts integer CHECK (experts > 0),
        experts_per_token integer CHECK (experts_per_token > 0),
        attention_layers integer CHECK (attention_layers > 0),
        kv_values_per_token_per_layer integer CHECK (kv_values_per_token_per_layer > 0),
        release_year integer,
        license text NOT NULL,
        sources jsonb NOT NULL DEFAULT '[]'::jsonb,
        seed boolean NOT NULL DEFAULT false,
        data_version text NOT NULL REFERENCES data_versions (id) DEFERRABLE INITIALLY DEFERRED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await q.query(`CREATE INDEX models_family_idx ON models (lower(family), id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX models_data_version_idx ON models (data_version)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE models`);
  }
}
