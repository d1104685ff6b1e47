/** Shared by the `resetData` workflow, its activities and `rakuten reset`. */
export interface ResetDataInput {
  /** Must be true: the workflow deletes every ingested product. */
  confirm: boolean;
  /** Then load a stratified sample of this many labelled rows. */
  sample?: number;
  seed?: number;
}

/** What a reset removed. */
export interface ResetCounts {
  products: number;
  rejectedRows: number;
  batches: number;
  images: number;
}

/** What the stratified sample after a reset loaded. */
export interface SampleCounts {
  rows: number;
  candidates: number;
}

export interface ResetDataResult {
  deleted: ResetCounts;
  sample?: SampleCounts;
}
