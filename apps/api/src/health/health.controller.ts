import { Controller, Get, Inject, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type { HealthCheckResult, HealthIndicatorResult } from '@nestjs/terminus';
import { ErrorCode } from '@wallet/shared';
import type Redis from 'ioredis';
import { Public } from '../common/decorators/auth.decorators';
import { DomainError } from '../common/errors/domain-error';
import { REDIS } from '../redis/redis.module';
import { QueueCountsService } from './queue-counts.service';

const QUEUE_COUNTS_TIMEOUT_MS = 1_000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly queueCounts: QueueCountsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness', description: 'The process is up; touches no dependency.' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Readiness',
    description:
      'Postgres and Redis both answer. Also reports the background job queues (`queues`: waiting, ' +
      'active, delayed and failed jobs per queue); failed jobs never make the service unready.',
  })
  @ApiOkResponse({ description: 'Every dependency is up.' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; `checks` says which.' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('postgres').withTimeout(1_000),
        () =>
          this.indicators
            .check('redis')
            .attempt(async () => {
              await this.redis.ping();
            })
            .withTimeout(1_000),
        () => this.queues(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // The route is public: it says which dependency is down, never why (the messages can hold
      // internal addresses); the reasons go to the log.
      const result = error.getResponse() as HealthCheckResult;
      this.logger.warn({ checks: result.error }, 'not ready');
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'A dependency is not ready.', {
        checks: {
          status: result.status,
          details: Object.fromEntries(
            Object.entries(result.details).map(([name, detail]) => [name, { status: detail.status }]),
          ),
        },
      });
    }
  }

  /**
   * Job counts per queue, so failed emails are visible (docs/design.md §6). Always `up`: failed jobs, or
   * counts that cannot be read because Redis is down (which the `redis` check reports), are
   * information, never a reason to take the API out of service.
   */
  private async queues(): Promise<HealthIndicatorResult<'queues'>> {
    const indicator = this.indicators.check('queues');
    let timer: NodeJS.Timeout | undefined;
    try {
      const counts = await Promise.race([
        this.queueCounts.counts(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), QUEUE_COUNTS_TIMEOUT_MS);
        }),
      ]);
      return indicator.up(counts);
    } catch (error) {
      this.logger.debug(
        `queue counts unavailable: ${error instanceof Error ? error.message : String(error)}`,
      );
      return indicator.up({ counts: 'unavailable' });
    } finally {
      clearTimeout(timer);
    }
  }
}
