import { z } from 'zod';
import { MAX_REASON_CHARS, reasonSchema } from '../core/contracts/fields';

/**
 * Limits on every text the API accepts; longer ones are refused, not truncated. A reason goes
 * into the audit log, a signal and a workflow history: a sentence, not a document.
 */
export const MAX_TITLE_CHARS = 1_000;
export const MAX_DESCRIPTION_CHARS = 20_000;
export const MAX_BATCH_ITEMS = 1_000;
const MAX_VERSION_CHARS = 64;
/** A drift report's ID is its driftCheck workflow ID. */
export const MAX_REPORT_ID_CHARS = 256;

/**
 * One product to classify. Its title is its `designation`, as in the challenge's files; `title`
 * is accepted for it. Unknown fields are ignored, as zod objects strip them.
 */
export const productInput = z
  .object({
    designation: z
      .string()
      .max(MAX_TITLE_CHARS, `designation is over ${MAX_TITLE_CHARS} characters`)
      .optional()
      .meta({ description: "the product's title, named as in the challenge's files" }),
    title: z
      .string()
      .max(MAX_TITLE_CHARS, `title is over ${MAX_TITLE_CHARS} characters`)
      .optional()
      .meta({ description: 'an alias of `designation`' }),
    description: z
      .string()
      .max(MAX_DESCRIPTION_CHARS, `description is over ${MAX_DESCRIPTION_CHARS} characters`)
      .nullish()
      .meta({ description: 'the product description, HTML allowed' }),
  })
  .transform((input, ctx) => {
    // Errors name the field the client sent.
    const field = input.designation !== undefined ? 'designation' : 'title';
    const designation = (input.designation ?? input.title ?? '').trim();
    if (designation === '') {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `${field} is required and not empty`,
      });
      return z.NEVER;
    }
    return { designation, description: input.description ?? '' };
  })
  .meta({
    id: 'ProductInput',
    // What the transform demands, as JSON Schema can say it.
    anyOf: [{ required: ['designation'] }, { required: ['title'] }],
    example: {
      designation: 'Piscine tubulaire 300x76 cm',
      description: 'Piscine hors sol avec pompe de filtration',
    },
  });

export type ProductInput = z.output<typeof productInput>;

export const batchInput = z
  .object({
    items: z
      .array(productInput)
      .min(1, 'items must hold at least one product')
      .max(MAX_BATCH_ITEMS, `items holds at most ${MAX_BATCH_ITEMS} products`),
  })
  .meta({ id: 'BatchInput' });

const candidate = z
  .object({
    code: z.number().int(),
    category: z.string(),
    confidence: z.number().min(0).max(1),
  })
  .meta({ id: 'Candidate' });

export const prediction = z
  .object({
    category_code: z.number().int().meta({ description: 'the predicted prdtypecode' }),
    category: z.string().meta({ description: 'its French name' }),
    confidence: z.number().min(0).max(1),
    top_k: z.array(candidate).meta({ description: 'the three most likely codes' }),
    model_version: z.string(),
  })
  .meta({ id: 'Prediction' });

export const batchPrediction = z
  .object({ predictions: z.array(prediction), model_version: z.string() })
  .meta({ id: 'BatchPrediction' });

export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z
        .array(z.object({ field: z.string(), message: z.string() }))
        .nullable()
        .meta({ description: 'for a body that does not validate, what is wrong with each field' }),
    }),
  })
  .meta({ id: 'Error' });

// The controller's own rule (at most MAX_REASON_CHARS, no control characters), so that what
// the API takes the workflow takes too; and not blank.
const reason = reasonSchema
  .trim()
  .min(1, 'reason must say why')
  .meta({ description: `why, for the audit log; at most ${MAX_REASON_CHARS} characters` });

export const reasonInput = z.object({ reason }).meta({ id: 'ReasonInput' });

export const rollbackInput = z
  .object({
    reason,
    force: z.boolean().optional().meta({
      description:
        'roll back even to a version trained on a source retired since (refused otherwise, 409); the audit event says it was forced',
    }),
  })
  .meta({ id: 'RollbackInput' });

export const retrainInput = z.object({ reason: reason.optional() }).meta({ id: 'RetrainInput' });

export const versionParams = z.object({
  version: z
    .string()
    .max(MAX_VERSION_CHARS)
    .meta({ description: 'a model version', example: 'm-20261127-0001' }),
});

/** The most rows one page of a list carries: every list the API serves is paged. */
export const MAX_PAGE_ROWS = 200;

/** `?offset=&limit=`, shared by every paged list. */
export const pageQuery = {
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .default(0)
    .meta({ description: 'rows to skip' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_ROWS)
    .default(50)
    .meta({ description: `rows to return, at most ${MAX_PAGE_ROWS}` }),
};

export interface Paging {
  offset: number;
  limit: number;
}

/** One page of a list and where it sits: `total` rows match the filters. */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      total: z.number().int().min(0),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1),
      items: z.array(item),
    })
    .meta({ id });
}

export interface Page<T> extends Paging {
  total: number;
  items: T[];
}
