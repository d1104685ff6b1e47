/** The graph's inputs and outputs: the contract between the exporter and every scorer. */
export const INPUT_INDICES = 'indices';
export const INPUT_VALUES = 'values';
export const OUTPUT_PROBABILITIES = 'probabilities';
export const OUTPUT_LABEL = 'label';
