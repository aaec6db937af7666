import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Matches, MaxLength } from 'class-validator';
import { SLUG } from './create-plan.dto.js';

const UUID_EXAMPLE = '3f67e8fb-a9aa-524c-b3cd-899f750b8eb3';

export class PlanIdParam {
  @ApiProperty({ description: 'The plan (a slug)', example: 'oslo-sv-2024-2027', maxLength: 100 })
  @Matches(SLUG, { message: 'plan id must be a lower-case slug such as oslo-sv-2024-2027' })
  @MaxLength(100)
  id!: string;
}

export class PlanMeasureParams extends PlanIdParam {
  @ApiProperty({
    description: 'A measure of the plan (its id, as GET /plans/{id} lists it)',
    format: 'uuid',
    example: UUID_EXAMPLE,
  })
  @IsUUID(undefined, { message: 'measureId must be a UUID' })
  measureId!: string;
}

export class PlanSectionParams extends PlanIdParam {
  @ApiProperty({
    description: 'A section of the plan (its id, as GET /plans/{id} lists it)',
    format: 'uuid',
    example: UUID_EXAMPLE,
  })
  @IsUUID(undefined, { message: 'sectionId must be a UUID' })
  sectionId!: string;
}

export class PlanGoalParams extends PlanIdParam {
  @ApiProperty({
    description: 'A goal of the plan (its id, as GET /plans/{id} lists it)',
    format: 'uuid',
    example: UUID_EXAMPLE,
  })
  @IsUUID(undefined, { message: 'goalId must be a UUID' })
  goalId!: string;
}
