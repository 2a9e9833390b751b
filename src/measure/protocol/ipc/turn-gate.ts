/**
 * The worker's side of lockstep mode (duet gates): the parent hands out turns, one batch per turn, to the base
 * and head processes alternately, so the two never compute at the same time and neighbouring batches of the
 * two sides see the same machine. A turn is a `{ kind: 'turn' }` message; the worker answers each finished
 * batch with `{ kind: 'turn-done' }`. Turns that arrive before the worker waits for one are kept.
 */
export interface TurnMessage {
  kind: 'turn';
}

export interface TurnDoneMessage {
  kind: 'turn-done';
}

export interface TurnGate {
  /** Resolves when the parent has granted a turn. */
  waitForTurn(): Promise<void>;
  /** Tells the parent this turn is over. */
  endTurn(): void;
  /** Feeds a message from the parent; returns whether it was a turn. */
  accept(message: unknown): boolean;
}

export function isTurnMessage(message: unknown): message is TurnMessage {
  return typeof message === 'object' && message !== null && Reflect.get(message, 'kind') === 'turn';
}

export function createTurnGate(send: (message: TurnDoneMessage) => void): TurnGate {
  let granted = 0;
  let waiting: (() => void) | null = null;
  return {
    waitForTurn() {
      if (granted > 0) {
        granted--;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        waiting = resolve;
      });
    },
    endTurn: () => send({ kind: 'turn-done' }),
    accept(message) {
      if (!isTurnMessage(message)) return false;
      const resolve = waiting;
      if (resolve === null) granted++;
      else {
        waiting = null;
        resolve();
      }
      return true;
    },
  };
}
