import type { Kysely } from 'kysely';

/**
 * Products are the table every ingestion writes 100,000s of rows into, and its foreign key and
 * prdtypecode index cost PostgreSQL more than the rows themselves: the key fires a trigger per
 * row, and a btree over 27 values takes a page split every few hundred. Neither earns it:
 * - only a load that has just read the source writes products, and sources are never deleted;
 * - every reader of prdtypecode (snapshots, class counts) scans the whole table anyway.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('products').dropConstraint('products_source_id_fkey').execute();
  await db.schema.dropIndex('products_prdtypecode').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('products_prdtypecode')
    .on('products')
    .column('prdtypecode')
    .execute();
  await db.schema
    .alterTable('products')
    .addForeignKeyConstraint('products_source_id_fkey', ['source_id'], 'sources', ['id'])
    .execute();
}
