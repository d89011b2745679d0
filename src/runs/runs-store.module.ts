import { Module } from '@nestjs/common';
import { RunTexts } from './run-texts';

/**
 * The runs table's storage format, for the modules that write runs: RunTexts packs an estimate's
 * release texts into references (run-texts.ts). The runs module and the jobs worker share one
 * instance (and so one cache) per process.
 */
@Module({ providers: [RunTexts], exports: [RunTexts] })
export class RunsStoreModule {}
