import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A reference-data release: the seed's own (`seed-2026.11.0`) or one made by an admin write. */
@Entity({ name: 'data_versions' })
export class DataVersionEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  kind!: 'seed' | 'admin';

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  details!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
