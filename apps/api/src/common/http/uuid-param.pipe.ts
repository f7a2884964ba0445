import { Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '../errors/domain-error';
import { isUuid } from './field-transforms';

/** Path ids are UUIDs; anything else is a 400 before it reaches Postgres. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) {
      throw new ValidationFailedError([{ field: 'id', messages: ['id must be a UUID'] }]);
    }
    return value.toLowerCase();
  }
}
