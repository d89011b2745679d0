import { Module } from '@nestjs/common';
import { RunTexts } from './run-texts';
import { RunsBulkWriter } from './runs-bulk-writer';

/**
 * The runs table's storage format, for the modules that write runs: RunTexts packs an estimate's
 * release texts into references (run-texts.ts); RunsBulkWriter writes a job chunk's runs with COPY
 * (runs-bulk-writer.ts). The runs module and the jobs worker share one instance (one cache) per process.
 */
@Module({ providers: [RunTexts, RunsBulkWriter], exports: [RunTexts, RunsBulkWriter] })
export class RunsStoreModule {}
