import reference from '../../../resources/reference/transfers.json';
import { TransferReferenceSchema, type TransferReference } from '../../../shared/domain/transfer';

let cached: TransferReference | null = null;

/** The dated reference (EEA, adequacy decisions, SCC modules, invalidated mechanisms), checked once when first read. */
export function transferReference(): TransferReference {
  cached ??= TransferReferenceSchema.parse(reference) as TransferReference;
  return cached;
}
