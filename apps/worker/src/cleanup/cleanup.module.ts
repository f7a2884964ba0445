import { Module } from '@nestjs/common';
import { MessagingModule } from '@wallet/messaging';
import { CleanupRepository } from './cleanup.repository';
import { CleanupService } from './cleanup.service';

/** Periodic deletion of rows kept only for a while (docs/design.md §3.8, §6). */
@Module({
  imports: [MessagingModule],
  providers: [CleanupRepository, CleanupService],
  exports: [CleanupService],
})
export class CleanupModule {}
