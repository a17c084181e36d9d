/**
 * Just enough of PromQL to check alert rules against the series the backend
 * exports (promtool is not available to the tests): the series an
 * expression selects, their equality matchers, and the label names its
 * grouping clauses use. Not a parser: expressions with strings outside
 * selectors, or `__name__` matchers, are out of its reach.
 */

/** `name{label="value", ...}` as written in an expression. */
export interface Selector {
  name: string;
  /** Label matchers with `=`; regex and negative matchers are left out. */
  equals: Record<string, string>;
  /** Every label name a matcher of the selector names. */
  labelNames: string[];
}

export interface ExpressionParts {
  selectors: Selector[];
  /** Labels of by / without / on / ignoring / group_left / group_right. */
  groupingLabels: string[];
}

const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'inf',
  'nan',
]);
const GROUPING =
  /\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g;
const SELECTOR = /([a-zA-Z_:][\w:]*)?\s*\{([^}]*)\}/g;
const MATCHER = /([a-zA-Z_]\w*)\s*(=~|!=|!~|=)\s*"((?:[^"\\]|\\.)*)"/g;
// An identifier not glued to a number (the `m` of `30m`, the `e3` of `1e3`).
const IDENTIFIER = /(?<![\w.:])[a-zA-Z_:][\w:]*/g;

export function parseExpression(expr: string): ExpressionParts {
  const selectors: Selector[] = [];
  const groupingLabels: string[] = [];
  let rest = expr.replace(GROUPING, (_, keyword: string, labels: string) => {
    groupingLabels.push(
      ...labels
        .split(',')
        .map(l => l.trim())
        .filter(Boolean),
    );
    return ` ${keyword} `;
  });
  rest = rest.replace(SELECTOR, (_, name: string | undefined, body: string) => {
    const equals: Record<string, string> = {};
    const labelNames: string[] = [];
    for (const [, label, op, value] of body.matchAll(MATCHER)) {
      labelNames.push(label);
      if (op === '=') equals[label] = value;
    }
    selectors.push({ name: name ?? '', equals, labelNames });
    return ' ';
  });
  rest = rest.replace(/\[[^\]]*\]/g, ' ');
  for (const match of rest.matchAll(IDENTIFIER)) {
    const word = match[0];
    const after = rest.slice(match.index! + word.length).trimStart();
    // A function, or an aggregation whose grouping comes first (`max by`).
    const isFunction = /^(\(|by\b|without\b)/.test(after);
    if (isFunction || KEYWORDS.has(word.toLowerCase())) continue;
    selectors.push({ name: word, equals: {}, labelNames: [] });
  }
  return { selectors, groupingLabels };
}
