import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ISO_DATE } from './command-id.dto.js';

export class PlanMomentQuery {
  @ApiPropertyOptional({ example: 1, description: 'An adopted revision: 1 for the first adoption' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'revision must be a whole number' })
  @Min(1)
  @Max(10_000)
  revision?: number;

  @ApiPropertyOptional({ example: '2025-06-01', description: 'The plan as it stood on this date' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'asOf must be a date as YYYY-MM-DD' })
  asOf?: string;
}
