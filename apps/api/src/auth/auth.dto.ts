import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PLAN_VISIBILITIES, ROLES, type PlanVisibility, type Role } from '@app/domain';
import { CommandIdDto } from '../plans/dto/command-id.dto.js';
import { SLUG } from '../plans/dto/create-plan.dto.js';
import { IsIsoDate } from '../http/is-iso-date.js';

export const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,99}$/;

export class SignInDto {
  @ApiProperty()
  @IsString()
  @Length(1, 100)
  brukernavn!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  passord!: string;

  @ApiPropertyOptional({ description: 'The CSRF token of the form' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  _csrf?: string;

  @ApiPropertyOptional({ description: 'Where to go after signing in (a path on this site)' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  neste?: string;
}

export class CsrfOnlyDto {
  @IsOptional()
  @IsString()
  @Length(0, 500)
  _csrf?: string;
}

export class IssueTokenDto {
  @ApiPropertyOptional({ description: 'With password: sign in and get a token in one call (scripts)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  username?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  password?: string;

  @ApiPropertyOptional({ example: 'import script' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  label?: string;

  @ApiPropertyOptional({ example: 90, description: 'Days until the token expires (default: never)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}

export class TokenIdParam {
  @ApiProperty({ description: 'The token (its tokenId, as POST /auth/tokens returned it)', format: 'uuid' })
  @IsUUID(undefined, { message: 'tokenId must be a UUID' })
  tokenId!: string;
}

export class CreateUserDto extends CommandIdDto {
  @ApiProperty({ example: 'kari.nordmann' })
  @Matches(USERNAME, { message: 'username must be 2-100 lower-case letters, digits, dots, @, _ or -' })
  username!: string;

  @ApiPropertyOptional({ description: 'At least 12 characters; without it the user signs in with OIDC only' })
  @IsOptional()
  @IsString()
  @Length(12, 200)
  password?: string;
}

export class SetPasswordDto extends CommandIdDto {
  @ApiProperty({ description: 'At least 12 characters', example: 'et-langt-nytt-passord' })
  @IsString()
  @Length(12, 200)
  password!: string;
}

/** "Sign out everywhere": nothing but the command id, and a page form's CSRF token. */
export class SignOutEverywhereDto extends CommandIdDto {
  @ApiPropertyOptional({ description: 'The CSRF token of a page form (or send X-CSRF-Token)' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  _csrf?: string;
}

export class UserIdParam {
  @ApiProperty({ description: 'The user (their id, as POST /users or GET /auth/me returned it)' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { message: 'userId must be a user id' })
  userId!: string;
}

export class RoleGrantDto extends CommandIdDto {
  @ApiProperty({ description: 'The user (their id, as POST /users returned it)' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { message: 'userId must be a user id' })
  userId!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;
}

export class RolesAtQuery {
  @ApiPropertyOptional({
    example: '2026-03-14',
    description: 'Everyone who held a role at any moment of this day (UTC); default today',
  })
  @IsOptional()
  @IsIsoDate()
  at?: string;
}

export class VisibilityDto extends CommandIdDto {
  @ApiProperty({
    enum: PLAN_VISIBILITIES,
    description: 'internal: only the organisation’s members may read it',
  })
  @IsIn(PLAN_VISIBILITIES, { message: `visibility must be one of ${PLAN_VISIBILITIES.join(', ')}` })
  visibility!: PlanVisibility;
}

export class OrganisationParam {
  @ApiProperty({ description: 'The organisation (a slug)', example: 'oslo-sv', maxLength: 100 })
  @Matches(SLUG, { message: 'organisation id must be a lower-case slug such as oslo-sv' })
  @MaxLength(100)
  id!: string;
}
