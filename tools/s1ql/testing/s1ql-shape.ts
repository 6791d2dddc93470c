import { isS1qlPredicate, type S1qlExpr, type S1qlValue } from '../ast.ts';
import { negateS1qlPredicate } from '../negate-s1ql-predicate.ts';

type Shape = string | number | boolean | Shape[] | { [key: string]: Shape };

/**
 * What a tree means with the writing stripped away (spans, spellings, quoting, enum case,
 * how a chain was grouped), so a test can compare a parse with the parse of its formatted
 * text.
 */
export function s1qlShape(node: S1qlExpr): Shape {
  if (node.kind === 'not') {
    const inner = withoutNot(node.operand);
    return inner === undefined ? { not: s1qlShape(node.operand) } : s1qlShape(inner);
  }
  if (!isS1qlPredicate(node)) {
    const flat = node.operands.flatMap((operand) => {
      const shape = s1qlShape(operand);
      const same = typeof shape === 'object' && !Array.isArray(shape) ? shape[node.kind] : null;
      return Array.isArray(same) ? same : [shape];
    });
    return flat.length === 1 ? (flat[0] ?? '') : { [node.kind]: flat };
  }

  const enumCase = node.field.def.type === 'enum';
  const text = (value: S1qlValue): string => (enumCase ? value.text.toLowerCase() : value.text);
  const shape: { [key: string]: Shape } = { kind: node.kind, field: node.field.def.v1 };
  switch (node.kind) {
    case 'comparison':
      shape.comparator = node.comparator;
      shape.value = text(node.value);
      shape.caseInsensitive = node.caseInsensitive === true && !enumCase;
      break;
    case 'stringMatch':
      Object.assign(shape, { mode: node.mode, ci: node.caseInsensitive, negated: node.negated });
      shape.value = text(node.value);
      break;
    case 'inList':
      Object.assign(shape, { match: node.match, ci: node.caseInsensitive && !enumCase });
      shape.negated = node.negated;
      shape.values = node.values.map(text);
      break;
    case 'between':
      shape.range = [text(node.low), text(node.high)];
      break;
    case 'isEmpty':
      shape.negated = node.negated;
      break;
    case 'isBoolean':
      shape.value = node.value;
      break;
    case 'exists':
      break;
  }
  return shape;
}

/** What `NOT node` is without the NOT, when that is a plain node: a negated form or NOT NOT. */
function withoutNot(node: S1qlExpr): S1qlExpr | undefined {
  if (node.kind === 'not') {
    const inner = withoutNot(node.operand);
    return inner === undefined ? node.operand : { kind: 'not', operand: inner, span: node.span };
  }
  return isS1qlPredicate(node) ? negateS1qlPredicate(node) : undefined;
}
