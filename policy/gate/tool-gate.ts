import type { CasebookDb } from '../../db/open-database.ts';
import type { Clock } from '../../lib/clock.ts';
import { type Logger, silentLogger } from '../../lib/logger.ts';
import { CASEBOOK_TOOLS } from '../../tools/casebook-tools.ts';
import { BlastRadius } from '../../tools/registry/blast-radius.ts';
import type {
  AnyReadTool,
  AnyWriteTool,
  ToolCapabilities,
} from '../../tools/registry/define-tool.ts';
import { invalidToolInput } from '../../tools/registry/invalid-tool-input.ts';
import type { ToolRegistry } from '../../tools/registry/tool-registry.ts';
import { type AuditRecord, type AuditTrail, createAuditTrail } from '../audit/audit-trail.ts';
import { findEarlierWrite } from '../audit/find-earlier-write.ts';
import { createSecretRedactor } from '../audit/secret-redactor.ts';
import { canonicalHash } from '../canonical-json.ts';
import { consoleOrigin } from '../console-origin.ts';
import {
  DEFAULT_VERIFY_TIMING,
  executeWrite,
  type VerifyTiming,
} from '../execution/execute-write.ts';
import { summariseError } from '../execution/summarise-error.ts';
import { holdAction } from '../held-actions/hold-action.ts';
import { SERVICE_IDENTITY } from '../identity/role.ts';
import type { PolicyDecision } from '../policy-decision.ts';
import { checkPolicyTools } from '../rules/check-policy-tools.ts';
import { evaluatePolicy } from '../rules/evaluate-policy.ts';
import type { Policy } from '../rules/policy-file.ts';
import { RunContext, type RunContextInput } from './run-context.ts';
import { RunContextError } from './run-context-error.ts';
import type { Toolbox, ToolCall, ToolCallResult } from './tool-call-result.ts';
import { withTargetTags } from './with-target-tags.ts';

const MAX_REASON = 2_000;

export interface ToolGate {
  /** The toolbox for one agent on one case; the only way agents reach tools. */
  toolbox(run: RunContextInput): Toolbox;
}

export interface ToolGateOptions<Caps extends ToolCapabilities> {
  db: CasebookDb;
  tenantId: string;
  registry: ToolRegistry<Caps>;
  /** The tenant's clients. They stay inside the gate. */
  capabilities: Caps;
  policy: Policy;
  /** Where the policy came from, for start-up errors. */
  policySource?: string;
  clock: Clock;
  logger?: Logger;
  /** Defaults to a trail redacting with the policy's redaction list. */
  audit?: AuditTrail;
  /** The principal the agents run as; it can never approve what they ask for. */
  serviceIdentity?: string;
  timing?: VerifyTiming;
  generateId?: () => string;
  /**
   * The console `capabilities` talk to. A held action remembers it, and approving it where
   * another console is configured is refused, so it never runs on a console it was not
   * asked about.
   */
  consoleUrl?: string;
}

/**
 * The policy gate, inside the tools' execution path: every call is validated, decided
 * by policy and audited with its decision, and a write's effect runs only when the
 * decision is `allow`. Held writes become held actions that casebook runs itself after
 * approval. Misconfiguration (a rule naming an unknown tool) fails here, at start-up.
 */
export function createToolGate<Caps extends ToolCapabilities>(
  options: ToolGateOptions<Caps>,
): ToolGate {
  const { db, tenantId, registry, capabilities, policy, clock } = options;
  const logger = options.logger ?? silentLogger;
  const timing = options.timing ?? DEFAULT_VERIFY_TIMING;
  const identity = options.serviceIdentity ?? SERVICE_IDENTITY;
  const audit =
    options.audit ?? createAuditTrail({ db, clock, redactor: createSecretRedactor(policy.redact) });
  const tools = registry.names
    .map((name) => registry.get(name))
    .filter((tool) => tool !== undefined);

  // One policy file serves all of a tenant's gates, so a rule may name another family's tool.
  checkPolicyTools({
    policy,
    source: options.policySource ?? '(policy)',
    tools: [...CASEBOOK_TOOLS, ...tools],
  });

  return {
    toolbox(input) {
      const parsed = RunContext.safeParse(input);
      if (!parsed.success)
        throw new RunContextError(`invalid run context: ${parsed.error.message}`);
      const run = parsed.data;
      let steps = 0;

      const record = (entry: Omit<AuditRecord, 'tenantId' | 'caseId' | 'runId' | 'actor'>) => ({
        ...entry,
        tenantId,
        caseId: run.caseId,
        runId: run.runId,
        actor: run.agentId,
      });

      const call = async (request: ToolCall): Promise<ToolCallResult> => {
        steps += 1;
        const step = request.step ?? steps;
        const reason = (request.reason ?? '').slice(0, MAX_REASON);
        const tool = registry.get(request.tool);
        const log = (status: string, decision: PolicyDecision | null) =>
          logger.debug(
            {
              tenantId,
              caseId: run.caseId,
              runId: run.runId,
              step,
              tool: request.tool,
              status,
              basis: decision?.basis,
            },
            'tool call',
          );

        if (tool === undefined) {
          const decision = refusal(policy, request.tool, 'unknown_tool', 'no such tool');
          audit.append(
            record({
              kind: 'tool.call',
              step,
              payload: { tool: request.tool, reason, decision, status: 'unknown_tool' },
            }),
          );
          log('unknown_tool', decision);
          return {
            status: 'unknown_tool',
            tool: request.tool,
            message: `there is no tool named "${request.tool}"`,
            available: [...registry.names],
          };
        }

        const parsedInput = tool.input.safeParse(request.input);
        if (!parsedInput.success) {
          const invalid = invalidToolInput({
            tool: tool.name,
            error: parsedInput.error,
            input: request.input,
          });
          const decision = refusal(
            policy,
            tool.name,
            'invalid_input',
            'the arguments are invalid',
            tool.effect,
          );
          audit.append(
            record({
              kind: 'tool.call',
              step,
              payload: {
                tool: tool.name,
                effect: tool.effect,
                reason,
                decision,
                status: 'invalid_input',
                issues: invalid.issues,
              },
            }),
          );
          log('invalid_input', decision);
          return invalid;
        }

        const args = parsedInput.data as Record<string, unknown>;
        const argsHash = canonicalHash(args);
        const base = { tool: tool.name, effect: tool.effect, args, argsHash, reason };

        if (tool.effect === 'read') {
          const result = await callRead({ tool, args, run, request });
          audit.append(record({ kind: 'tool.call', step, payload: { ...base, ...result.audit } }));
          log(result.value.status, result.audit.decision);
          return result.value;
        }

        let preview: BlastRadius;
        try {
          preview = BlastRadius.parse(
            await tool.preview(args, { reads: capabilities.reads, signal: request.signal }),
          );
        } catch (error) {
          const summary = summariseError(error);
          const decision = refusal(
            policy,
            tool.name,
            'preview_failed',
            'its blast radius could not be computed',
            tool.effect,
          );
          audit.append(
            record({
              kind: 'tool.call',
              step,
              payload: { ...base, decision, status: 'failed', error: summary },
            }),
          );
          log('failed', decision);
          return {
            status: 'failed',
            tool: tool.name,
            error: summary,
            verification: null,
            message: `nothing was written: the call could not be previewed (${summary.message})`,
          };
        }

        const facts = withTargetTags(run.facts, preview);
        const decision = evaluatePolicy({
          policy,
          tool,
          caseId: run.caseId,
          facts,
          preview,
          noteText: tool.noteText?.(args) ?? null,
        });

        if (decision.outcome === 'deny') {
          audit.append(
            record({
              kind: 'tool.call',
              step,
              payload: { ...base, decision, preview, status: 'denied' },
            }),
          );
          log('denied', decision);
          return {
            status: 'denied',
            tool: tool.name,
            basis: decision.basis,
            message: `denied: ${decision.reason}`,
          };
        }

        if (decision.outcome === 'hold') {
          const { action } = db.transaction(
            (tx) => {
              const held = holdAction({
                store: tx,
                audit,
                clock,
                generateId: options.generateId,
                request: {
                  tenantId,
                  caseId: run.caseId,
                  runId: run.runId,
                  agentId: run.agentId,
                  requestedBy: identity,
                  step,
                  tool: tool.name,
                  effect: tool.effect,
                  args,
                  argsHash,
                  reason,
                  decision,
                  preview,
                  facts,
                  consoleUrl: consoleOrigin(options.consoleUrl),
                },
              });
              audit.append(
                record({
                  kind: 'tool.call',
                  step,
                  payload: {
                    ...base,
                    decision,
                    preview,
                    status: 'held',
                    heldActionId: held.action.id,
                  },
                }),
                { store: tx },
              );
              return held;
            },
            { behavior: 'immediate' },
          );
          log('held', decision);
          return {
            status: 'held',
            tool: tool.name,
            heldActionId: action.id,
            approvalsRequired: action.approvalsRequired,
            expiresAt: action.expiresAt,
            preview,
            message:
              `held for approval as ${action.id}: ${decision.reason}. ` +
              'It runs only if people approve it; do not retry.',
          };
        }

        return callAllowedWrite({
          tool,
          args,
          base,
          decision,
          preview,
          step,
          request,
          record,
          log,
        });
      };

      const callRead = async ({
        tool,
        args,
        request,
      }: {
        tool: AnyReadTool<Caps>;
        args: Record<string, unknown>;
        run: RunContext;
        request: ToolCall;
      }) => {
        const decision = evaluatePolicy({
          policy,
          tool,
          caseId: run.caseId,
          facts: run.facts,
          preview: null,
          noteText: null,
        });
        if (decision.outcome === 'deny') {
          return {
            audit: { decision, status: 'denied' },
            value: {
              status: 'denied',
              tool: tool.name,
              basis: decision.basis,
              message: `denied: ${decision.reason}`,
            } as const,
          };
        }

        const started = clock.now();
        try {
          const raw = await tool.execute(args, {
            reads: capabilities.reads,
            signal: request.signal,
          });
          const output = tool.output.safeParse(raw);
          if (!output.success) throw new Error(`${tool.name} returned output its schema rejects`);
          const durationMs = clock.now() - started;
          return {
            audit: {
              decision,
              status: 'ok',
              resultDigest: canonicalHash(JSON.parse(JSON.stringify(output.data))),
              durationMs,
            },
            value: {
              status: 'ok',
              tool: tool.name,
              output: output.data,
              untrusted: tool.untrusted?.(output.data) ?? [],
            } as const,
          };
        } catch (error) {
          const summary = summariseError(error);
          return {
            audit: {
              decision,
              status: 'failed',
              error: summary,
              durationMs: clock.now() - started,
            },
            value: {
              status: 'failed',
              tool: tool.name,
              error: summary,
              verification: null,
              message: `the read failed: ${summary.message}`,
            } as const,
          };
        }
      };

      const callAllowedWrite = async ({
        tool,
        args,
        base,
        decision,
        preview,
        step,
        request,
        record: entry,
        log,
      }: {
        tool: AnyWriteTool<Caps>;
        args: Record<string, unknown>;
        base: Record<string, unknown>;
        decision: PolicyDecision;
        preview: BlastRadius;
        step: number;
        request: ToolCall;
        record: typeof record;
        log: (status: string, decision: PolicyDecision | null) => void;
      }): Promise<ToolCallResult> => {
        // The decision is on record before the effect, so a crash mid-call still leaves
        // the audit saying why the console changed. Looking for an earlier identical write
        // in the same transaction makes "once per run" hold for concurrent calls too.
        const earlier = db.transaction(
          (tx) => {
            const done = findEarlierWrite(tx, {
              tenantId,
              runId: run.runId,
              tool: tool.name,
              argsHash: String(base.argsHash),
            });
            const recorded =
              done === undefined
                ? { decision, status: 'allowed' }
                : {
                    decision: {
                      ...decision,
                      outcome: 'deny',
                      basis: 'duplicate',
                      reason: `the same write already ran at step ${done}`,
                    },
                    status: 'duplicate',
                  };
            audit.append(
              entry({ kind: 'tool.call', step, payload: { ...base, ...recorded, preview } }),
              {
                store: tx,
              },
            );
            return done;
          },
          { behavior: 'immediate' },
        );
        if (earlier !== undefined) {
          log('duplicate', decision);
          return {
            status: 'denied',
            tool: tool.name,
            basis: 'duplicate',
            message: `this exact write already ran in this run (step ${earlier}); not repeated`,
          };
        }

        const { outcome, output } = await executeWrite({
          tool,
          input: args,
          capabilities,
          clock,
          timing,
          signal: request.signal,
        });
        const keys = { step, actor: 'casebook' };
        audit.append({
          ...entry({
            kind: 'action.executed',
            step,
            payload: {
              heldActionId: null,
              tool: tool.name,
              argsHash: base.argsHash,
              status: outcome.status,
              resultDigest: outcome.resultDigest,
              durationMs: outcome.durationMs,
              error: outcome.error,
            },
          }),
          ...keys,
        });
        audit.append({
          ...entry({
            kind: 'action.verified',
            step,
            payload: {
              heldActionId: null,
              tool: tool.name,
              verified: outcome.verification?.verified ?? false,
              detail: outcome.verification?.detail ?? null,
              observed: outcome.verification?.observed ?? null,
            },
          }),
          ...keys,
        });
        log(outcome.status, decision);

        if (outcome.status === 'failed' || outcome.error !== null) {
          const error = outcome.error ?? {
            code: 'UNEXPECTED',
            fault: 'system',
            message: 'unknown failure',
          };
          return {
            status: 'failed',
            tool: tool.name,
            error,
            verification: outcome.verification,
            message: `the write was allowed but failed: ${error.message}`,
          };
        }

        const verification = outcome.verification ?? { verified: false, detail: 'not verified' };
        return {
          status: outcome.status,
          tool: tool.name,
          output,
          verification,
          message: verification.verified
            ? `done and verified: ${verification.detail}`
            : `the console accepted the call but the effect is not visible: ${verification.detail}`,
        };
      };

      return Object.freeze({ tools: Object.freeze(registry.describe()), call });
    },
  };
}

function refusal(
  policy: Policy,
  tool: string,
  basis: 'unknown_tool' | 'invalid_input' | 'preview_failed',
  reason: string,
  effect: PolicyDecision['effect'] = null,
): PolicyDecision {
  return {
    outcome: 'deny',
    basis,
    phase: policy.phase,
    tool,
    effect,
    ruleIndex: null,
    approvalsRequired: 0,
    holdForMs: null,
    reason,
  };
}
