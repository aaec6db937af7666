import { Matches, MaxLength } from 'class-validator';
import { IsUUID } from 'class-validator';
import { SLUG } from './create-plan.dto.js';

export class PlanIdParam {
  @Matches(SLUG, { message: 'plan id must be a lower-case slug such as oslo-sv-2024-2027' })
  @MaxLength(100)
  id!: string;
}

export class PlanMeasureParams extends PlanIdParam {
  @IsUUID(undefined, { message: 'measureId must be a UUID' })
  measureId!: string;
}

export class PlanSectionParams extends PlanIdParam {
  @IsUUID(undefined, { message: 'sectionId must be a UUID' })
  sectionId!: string;
}

export class PlanGoalParams extends PlanIdParam {
  @IsUUID(undefined, { message: 'goalId must be a UUID' })
  goalId!: string;
}
