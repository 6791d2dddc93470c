/** The public face of the policy layer; the runtime, CLI and server import from here. */

export { AuditEntry, AuditKind, auditEntryName, GENESIS_HASH } from './audit/audit-entry.ts';
export {
  type AuditRecord,
  type AuditTrail,
  createAuditTrail,
  listAuditEntries,
  type ModelCallRecord,
  type TokenUsage,
} from './audit/audit-trail.ts';
export {
  createSecretRedactor,
  type RedactionConfig,
  type SecretRedactor,
} from './audit/secret-redactor.ts';
export {
  type AuditChainProblem,
  type AuditChainResult,
  type ChainHead,
  verifyAuditChain,
} from './audit/verify-audit-chain.ts';
export { canonicalHash, canonicalJson, sha256Hex } from './canonical-json.ts';
export { CaseFacts, type CaseFactsInput, Severity, TriageVerdict } from './case-facts.ts';
export {
  DEFAULT_VERIFY_TIMING,
  type VerifyTiming,
} from './execution/execute-write.ts';
export { RunContext, type RunContextInput } from './gate/run-context.ts';
export { RunContextError } from './gate/run-context-error.ts';
export type { Toolbox, ToolCall, ToolCallResult } from './gate/tool-call-result.ts';
export { createToolGate, type ToolGate, type ToolGateOptions } from './gate/tool-gate.ts';
export { ApprovalRefusedError, type RefusalReason } from './held-actions/approval-refused-error.ts';
export type { ApprovalResult } from './held-actions/approve-held-action.ts';
export {
  ApprovalRecord,
  EditRecord,
  ExecutionOutcome,
  HeldAction,
  HeldActionStatus,
} from './held-actions/held-action.ts';
export { HeldActionClosedError } from './held-actions/held-action-closed-error.ts';
export { HeldActionEditError } from './held-actions/held-action-edit-error.ts';
export { HeldActionNotFoundError } from './held-actions/held-action-not-found-error.ts';
export type { HeldActionFilter } from './held-actions/held-action-store.ts';
export { createHeldActions, type HeldActions } from './held-actions/held-actions.ts';
export type { RecoveredAction } from './held-actions/recover-interrupted-actions.ts';
export { AGENT_IDENTITIES, isAgentIdentity } from './identity/agent-identities.ts';
export { canonicalPrincipalId } from './identity/canonical-principal-id.ts';
export { Principal, PrincipalId } from './identity/principal.ts';
export { PrincipalInputError } from './identity/principal-input-error.ts';
export {
  PrincipalReservedError,
  type ReservedReason,
} from './identity/principal-reserved-error.ts';
export { getPrincipal, listPrincipals, upsertPrincipal } from './identity/principals.ts';
export { canApprove, isServiceIdentity, Role, SERVICE_IDENTITY } from './identity/role.ts';
export {
  DecisionBasis,
  PolicyDecision,
  RolloutPhase,
} from './policy-decision.ts';
export { AI_DRAFT_HEADER, isPostableAiDraft } from './rules/ai-draft-note.ts';
export { checkPolicyTools } from './rules/check-policy-tools.ts';
export { evaluatePolicy, type PolicyQuestion } from './rules/evaluate-policy.ts';
export { loadPolicyFile, loadTenantPolicy } from './rules/load-policy-file.ts';
export { parsePolicy } from './rules/parse-policy.ts';
export {
  DEFAULT_POLICY,
  type Policy,
  PolicyFile,
  type PolicyFileInput,
  PolicyRule,
  RuleConditions,
} from './rules/policy-file.ts';
export { PolicyFileError, type PolicyProblem } from './rules/policy-file-error.ts';
export { ToolEffect } from './tool-effect.ts';
export {
  fenceUntrusted,
  fenceUntrustedFields,
  UNTRUSTED_DATA_RULE,
} from './untrusted/fence-untrusted.ts';
export { UNTRUSTED_DV_KEYS, untrustedKeysOf } from './untrusted/untrusted-fields.ts';
