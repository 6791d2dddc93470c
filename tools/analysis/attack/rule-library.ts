import { COLLECTION_AND_IMPACT_RULES } from './rules/collection-and-impact-rules.ts';
import { COMMAND_AND_CONTROL_RULES } from './rules/command-and-control-rules.ts';
import { CREDENTIAL_ACCESS_RULES } from './rules/credential-access-rules.ts';
import { DEFENSE_EVASION_RULES } from './rules/defense-evasion-rules.ts';
import { DISCOVERY_RULES } from './rules/discovery-rules.ts';
import { EXECUTION_RULES } from './rules/execution-rules.ts';
import { LATERAL_MOVEMENT_RULES } from './rules/lateral-movement-rules.ts';
import { PERSISTENCE_RULES } from './rules/persistence-rules.ts';
import { PRIVILEGE_ESCALATION_RULES } from './rules/privilege-escalation-rules.ts';
import type { AnyRule } from './technique-rule.ts';

/** Every ATT&CK mapping rule the analysis runs, grouped in files by tactic. */
export const RULE_LIBRARY: readonly AnyRule[] = [
  ...EXECUTION_RULES,
  ...PERSISTENCE_RULES,
  ...PRIVILEGE_ESCALATION_RULES,
  ...DEFENSE_EVASION_RULES,
  ...CREDENTIAL_ACCESS_RULES,
  ...DISCOVERY_RULES,
  ...LATERAL_MOVEMENT_RULES,
  ...COMMAND_AND_CONTROL_RULES,
  ...COLLECTION_AND_IMPACT_RULES,
];
