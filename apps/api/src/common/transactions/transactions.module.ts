import { Global, Module } from '@nestjs/common';
import { Database } from './database';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({ providers: [UnitOfWork, Database], exports: [UnitOfWork, Database] })
export class TransactionsModule {}
