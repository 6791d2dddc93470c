import type { S1qlFieldRef } from '../ast.ts';
import { type FieldDef, findField } from '../fields.ts';
import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';

/**
 * The catalogue's own entry for a field reference. A tree may have been edited or rebuilt
 * from JSON, so its embedded FieldDef is looked up again rather than trusted: column names
 * reach SQL only from the catalogue.
 */
export function catalogueFieldOf(ref: S1qlFieldRef): FieldDef {
  const def = findField(ref.def.v1);
  if (def === undefined || def.v2 !== ref.def.v2) {
    throw new S1qlSyntaxError({ reason: `unknown field "${ref.name}"`, at: ref.span });
  }
  return def;
}
