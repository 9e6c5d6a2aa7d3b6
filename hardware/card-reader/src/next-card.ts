import type { CardReader } from './card-reader';
import type { CardTransaction } from './card-transaction';
import { CardReaderDisconnectedError, CardRejectedError } from './errors';
import type { CardRejection } from './reject-reason';

/**
 * Waits for the next read, as a kiosk's "insert your ID card" screen does: resolves with the transaction,
 * rejects with `CardRejectedError` for a refused read, `CardReaderDisconnectedError` if the reader goes
 * away, or the signal's reason when the citizen cancels.
 */
export function nextCard(
  reader: CardReader,
  options: { readonly signal?: AbortSignal } = {},
): Promise<CardTransaction> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const cleanup = () => {
      reader.off('card', onCard);
      reader.off('reject', onReject);
      reader.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
    };
    const onCard = (transaction: CardTransaction) => {
      cleanup();
      resolve(transaction);
    };
    const onReject = (rejection: CardRejection) => {
      cleanup();
      reject(new CardRejectedError(rejection));
    };
    const onClose = () => {
      cleanup();
      reject(new CardReaderDisconnectedError('the card reader closed while waiting for a card'));
    };
    const onAbort = () => {
      cleanup();
      reject(signal!.reason);
    };
    reader.on('card', onCard);
    reader.on('reject', onReject);
    reader.on('close', onClose);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
