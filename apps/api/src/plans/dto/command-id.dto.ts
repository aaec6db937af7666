import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** Every command body may carry its id; sending the same id again appends nothing new. */
export class CommandIdDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Idempotency key (also accepted as the Idempotency-Key header). Re-sending it appends nothing.',
  })
  @IsOptional()
  @IsUUID()
  commandId?: string;
}
