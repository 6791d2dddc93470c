/** `s1ql_regexp(value, source, flags)`: 1 when the RE2 pattern matches anywhere, else 0. */
export const S1QL_REGEXP_FUNCTION = 's1ql_regexp';
