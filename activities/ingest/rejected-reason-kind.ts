/**
 * The kind of a rejection reason: the sentence with its quoted value blanked, what follows a
 * colon dropped and its numbers written N, so that 'expected 5 fields, found 7' and 'expected 5
 * fields, found 4' are one kind. The database computes the same in the generated column
 * `rejected_rows.reason_kind` (migration 0015), which the filters read; this mirror is for rows
 * not yet stored and for checking that both agree.
 */
export function reasonKind(reason: string): string {
  // Greedy and across lines, as PostgreSQL's '".*"': a value may hold quotes or a newline.
  const blanked = reason.replace(/".*"/s, '"…"');
  const head = blanked.split(':', 1)[0]!;
  return head.replace(/[0-9]+/g, 'N');
}
