import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { PlanDocument } from '@app/plan-document';
import { ChangePlanCommand, PlanCommandRunner, type CommandEnvelope } from '@app/plans';
import type { ImportReport } from '@app/text-import';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { v5 as uuidv5 } from 'uuid';
import { linksBetween } from './link-imported-plans.js';
import { LINK_NAMESPACE, registerOrganisation } from './register-organisation.js';
import { PlanImports } from './plan-imports.js';

export interface DirectoryImportProgress {
  readonly file: string;
  readonly done: number;
  readonly total: number;
}

export interface DirectoryImportResult {
  readonly plans: Array<{
    file: string;
    planId: string;
    appended: boolean;
    report: ImportReport | undefined;
  }>;
  readonly links: Array<{ planId: string; predecessorPlanId?: string; parentPlanId?: string }>;
}

/**
 * Imports every plan text in a folder (`planverk import --all`), registers their organisations,
 * and links them plan to plan and to their national plan. Every step has a fixed command id,
 * so running it again changes nothing.
 */
@Injectable()
export class DirectoryImports {
  constructor(
    private readonly imports: PlanImports,
    readonly commandBus: CommandBus,
    readonly runner: PlanCommandRunner,
  ) {}

  async importDirectory(
    dir: string,
    actor: string,
    onProgress: (p: DirectoryImportProgress) => void = () => undefined,
    /** When a plan that does not say when it was adopted took effect (default: now). */
    effectiveAt?: (document: PlanDocument) => string | undefined,
  ): Promise<DirectoryImportResult> {
    const files = readdirSync(dir)
      .filter((f) => /\.(txt|ya?ml|json)$/i.test(f))
      .sort();
    if (files.length === 0) throw new Error(`No plan files (.txt, .yaml, .json) in ${dir}`);
    const now = new Date().toISOString();
    // Read and check every file first, so a bad one stops the run before anything is written.
    const prepared = files.map((file) => ({ file, content: readFileSync(join(dir, file), 'utf8') }));
    const dryRuns = await Promise.all(
      prepared.map(async (p) => ({
        ...p,
        read: await this.imports.read({ content: p.content, sourceName: p.file }),
      })),
    );
    const documents: PlanDocument[] = dryRuns.map((d) => d.read.document);
    for (const document of documents) {
      const { org, orgName } = document.plan;
      await registerOrganisation(this, org, { actor, now }, orgName);
    }

    const plans: DirectoryImportResult['plans'] = [];
    for (const [i, d] of dryRuns.entries()) {
      const effective = effectiveAt?.(d.read.document);
      const result = await this.imports.importRead(d.read, {
        actor,
        sourceName: d.file,
        now,
        ...(effective ? { effectiveAt: effective } : {}),
      });

      plans.push({
        file: basename(d.file),
        planId: result.planId,
        appended: result.outcome?.appended ?? false,
        report: result.report,
      });
      onProgress({ file: d.file, done: i + 1, total: dryRuns.length });
    }
    const links = linksBetween(documents).filter((l) => l.predecessorPlanId || l.parentPlanId);
    for (const link of links) {
      // A link takes effect when the plan it belongs to does (its adoption, or the given date).
      const successor = documents.find((d) => d.plan.id === link.planId)!;
      const effective = successor.plan.adopted?.date ?? effectiveAt?.(successor);
      const envelope = this.envelope(
        `link:${link.planId}:${link.predecessorPlanId ?? ''}:${link.parentPlanId ?? ''}`,
        actor,
        now,
        effective,
      );
      const { planId, ...targets } = link;
      await this.commandBus.execute(
        new ChangePlanCommand(planId, { type: 'LinkPlan', ...targets }, envelope),
      );
      if (link.predecessorPlanId) {
        await this.commandBus.execute(
          new ChangePlanCommand(
            link.predecessorPlanId,
            { type: 'SupersedePlan', byPlanId: planId },
            this.envelope(`supersede:${link.predecessorPlanId}:${planId}`, actor, now, effective),
          ),
        );
      }
    }
    return { plans, links };
  }

  private envelope(key: string, actor: string, now: string, effectiveAt?: string): CommandEnvelope {
    return {
      commandId: uuidv5(key, LINK_NAMESPACE),
      actor,
      now,
      cause: { kind: 'import' },
      ...(effectiveAt ? { effectiveAt } : {}),
    };
  }
}
