import type { CasebookDb } from '../db/open-database.ts';

/** An open transaction on casebook's store. */
export type StoreTransaction = Parameters<Parameters<CasebookDb['transaction']>[0]>[0];

/**
 * Either the store or a transaction on it: the functions that take one join the
 * caller's transaction when there is one, so an approval and its audit entry commit
 * together or not at all.
 */
export type StoreHandle = Pick<StoreTransaction, 'select' | 'insert' | 'update'>;
