/** `s1ql_regexp(value, source, flags)`: 1 when the RE2 pattern matches anywhere, else 0. */
export const S1QL_REGEXP_FUNCTION = 's1ql_regexp';

/** `s1ql_fold(value)`: the value case-folded for all of Unicode (foldS1qlCase), else NULL. */
export const S1QL_FOLD_FUNCTION = 's1ql_fold';
