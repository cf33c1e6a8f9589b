// The one event type of the vscode-free layers. It has the shape of VS Code's `Event` and
// `EventEmitter` (vscode.d.ts), so the VS Code layer hands a model's event to VS Code as it is;
// the VS Code layer keeps `vscode.EventEmitter` for the events of its own API surfaces.

export interface Disposable {
  dispose(): void;
}

/** Subscribes a listener; disposing the result unsubscribes it. */
export type Event<T> = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

export class Emitter<T> {
  // One entry per subscription: the same function subscribed twice is called twice, as in VS Code.
  private readonly subscriptions = new Set<{ listener: (e: T) => unknown; thisArgs: unknown }>();

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const subscription = { listener, thisArgs };
    this.subscriptions.add(subscription);
    const result = { dispose: () => void this.subscriptions.delete(subscription) };
    disposables?.push(result);
    return result;
  };

  /** Calls the listeners subscribed when it starts, in order. */
  fire(event: T): void {
    for (const { listener, thisArgs } of [...this.subscriptions]) listener.call(thisArgs, event);
  }

  /** Drops every listener. */
  dispose(): void {
    this.subscriptions.clear();
  }
}
