import { ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { grantsAllow, SYSTEM_SCOPE, type Role } from '@app/domain';
import { AccessCommandRunner, linkedPlanNotFound } from '@app/plans';
import type { Request } from 'express';
import { denialLine, routeOf } from './access-log.js';
import { rolesAllow } from './access-policy.js';
import type { Principal } from './principal.js';

/** What an import or a protocol acts on, as read from its document or protocol. */
export interface ContentTargets {
  /** A dry run only reads: it needs to be able to read every plan it shows, and no role. */
  readonly dryRun: boolean;
  /** Organisations the content names, that the command writes in. */
  readonly organisations: readonly string[];
  /** Plans the command writes to (or, in a dry run, shows): missing or unreadable ones are 404s. */
  readonly plans: readonly string[];
  /** Plans it only names (a predecessor, a parent): each must be readable, else "does not exist". */
  readonly links?: ReadonlyArray<{ readonly planId: string; readonly field: string }>;
}

/**
 * Who may see and act on which plan, for the access guard. One rule for an outsider: a plan
 * they may not read is not there (the same answer as a missing one), whether it is the plan in
 * the path, the plan a meeting or a protocol treats, or a plan a command names as predecessor,
 * parent, successor or lineage.
 */
@Injectable()
export class TargetAccess {
  private readonly logger = new Logger('Access');

  constructor(private readonly runner: AccessCommandRunner) {}

  /** The plan's organisation, if there is such a plan and the caller may know of it; else undefined. */
  async visiblePlanOrganisation(
    principal: Principal | undefined,
    planId: string,
  ): Promise<string | undefined> {
    const organisationId = await this.runner.planOrganisation(planId);
    if (organisationId === undefined) return undefined;
    return (await this.readable(principal, planId)) ? organisationId : undefined;
  }

  /**
   * Whether the caller may read the plan: published, or internal and a viewer in its
   * organisation (every role reads; a system admin reads everything).
   */
  async readable(principal: Principal | undefined, planId: string): Promise<boolean> {
    // From the event store, never a read model that may be behind or being rebuilt.
    const visibility = await this.runner.planVisibility(planId);
    if (visibility?.visibility !== 'internal') return true;
    return principal !== undefined && grantsAllow(principal.grants, 'viewer', visibility.organisationId);
  }

  /** The plan's organisation, or the 404 a missing plan gets (for one the caller may not read, too). */
  async requireVisiblePlan(principal: Principal | undefined, planId: string): Promise<string> {
    const organisationId = await this.visiblePlanOrganisation(principal, planId);
    if (organisationId === undefined) throw planNotFound(planId);
    return organisationId;
  }

  /**
   * Each linked plan exists and may be read; else the answer the command gives a missing one,
   * here and now (before the body is validated, as the plan in the path is), so that a missing
   * and an unreadable plan are answered alike whatever else the request holds.
   */
  async requireVisibleLinks(
    principal: Principal | undefined,
    links: ReadonlyArray<{ readonly planId: string; readonly field: string }>,
  ): Promise<void> {
    for (const { planId, field } of links) {
      if ((await this.visiblePlanOrganisation(principal, planId)) === undefined) {
        throw linkedPlanNotFound(planId, field);
      }
    }
  }

  /**
   * The authorisation of a command whose target is in its content (an import, a protocol), on
   * what was read from it: the plans it touches must be readable (404 otherwise, as if missing),
   * the plans it links to too, and unless it is a dry run, the caller needs one of `roles` in
   * every organisation it names and every organisation whose plan it touches.
   */
  async authoriseContent(
    request: Request,
    principal: Principal | undefined,
    roles: readonly Role[],
    targets: ContentTargets,
  ): Promise<void> {
    const organisations = new Set(targets.organisations);
    for (const planId of new Set(targets.plans)) {
      const organisationId = await this.requireVisiblePlan(principal, planId);
      if (!targets.dryRun) organisations.add(organisationId);
    }
    await this.requireVisibleLinks(principal, targets.links ?? []);
    const grants = principal?.grants ?? [];
    if (targets.dryRun || grantsAllow(grants, 'admin', SYSTEM_SCOPE)) return;
    const missing = [...organisations].filter((o) => !rolesAllow(roles, grants, o));
    if (missing.length > 0) {
      const needed = roles.join(' or ');
      this.logger.warn(
        denialLine(request, routeOf(request), principal, `needs ${needed} in ${missing.join(', ')}`),
      );
      throw new ForbiddenException({
        statusCode: 403,
        error: 'FORBIDDEN',
        message: `You need the role ${needed} in ${missing.join(', ')} for this`,
      });
    }
  }
}

/** A plan that is not there, or that the caller may not know of: one answer for both. */
export function planNotFound(planId: string): NotFoundException {
  return new NotFoundException(`Plan "${String(planId).slice(0, 100)}" not found`);
}
