import type { LabelledRow } from '../../models/data/labelled-rows';

/** One line of a snapshot: [product key, prdtypecode, gold (0/1), designation, description]. */
export type SnapshotLine = [string, number, 0 | 1, string, string];

export interface SnapshotRow extends LabelledRow {
  gold: boolean;
}

export const snapshotKey = (version: string) => `snapshots/${version}.jsonl.gz`;

export function encodeLine(line: SnapshotLine): string {
  return `${JSON.stringify(line)}\n`;
}

export function decodeLine(text: string, index: number): SnapshotRow {
  const [key, code, gold, designation, description] = JSON.parse(text) as SnapshotLine;
  return {
    id: key,
    prdtypecode: code,
    gold: gold === 1,
    designation,
    description,
    line: index + 1,
  };
}
