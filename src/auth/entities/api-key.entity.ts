import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An API key: only its SHA-256 hash is stored, and the key is found by it; the prefix (8 characters) only helps recognise it. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  tenant!: string;

  @Column({ type: 'text' })
  prefix!: string;

  @Column({ type: 'text', name: 'key_hash', unique: true })
  keyHash!: string;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  /** Requests or cost units per minute (0: no limit); null with `rateLimitUnit`: the service default. */
  @Column({ name: 'rate_limit_per_minute', type: 'integer', nullable: true })
  rateLimitPerMinute!: number | null;

  @Column({ name: 'rate_limit_unit', type: 'text', nullable: true })
  rateLimitUnit!: 'requests' | 'cost' | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
