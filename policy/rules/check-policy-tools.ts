import { suggestClosest } from '../../lib/suggest-closest.ts';
import type { ToolEffect } from '../tool-effect.ts';
import type { Policy } from './policy-file.ts';
import { PolicyFileError, type PolicyProblem } from './policy-file-error.ts';

/**
 * Checks a policy against the tools actually served, at start-up: a rule naming a tool
 * that does not exist (a typo would silently leave the tool on its default) or holding
 * a read (a read has nothing to approve) is a configuration fault.
 */
export function checkPolicyTools({
  policy,
  source,
  tools,
}: {
  policy: Policy;
  source: string;
  tools: readonly { name: string; effect: ToolEffect }[];
}): void {
  const effects = new Map(tools.map((tool) => [tool.name, tool.effect]));
  const problems: PolicyProblem[] = [];

  policy.rules.forEach((rule, index) => {
    const effect = effects.get(rule.tool);
    if (effect === undefined) {
      const near = suggestClosest(rule.tool, [...effects.keys()], { limit: 3, maxDistance: 6 });
      const hint = near.length > 0 ? `; did you mean ${near.join(', ')}?` : '';
      problems.push({
        path: `rules[${index}].tool`,
        message: `no tool named "${rule.tool}"${hint}`,
      });
    } else if (effect === 'read' && rule.action === 'hold') {
      problems.push({
        path: `rules[${index}].action`,
        message: `"${rule.tool}" only reads; a read can be allowed or denied, not held`,
      });
    }
  });

  if (problems.length > 0) throw new PolicyFileError(source, problems);
}
