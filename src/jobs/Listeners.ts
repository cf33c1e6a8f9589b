// A minimal event source for vscode-free models (the VS Code layer bridges it to its own events).

export interface Unsubscribe {
  dispose(): void;
}

export class Listeners<T> {
  private readonly listeners = new Set<(event: T) => void>();

  /** Subscribes; the returned object's dispose() unsubscribes. */
  readonly on = (listener: (event: T) => void): Unsubscribe => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(event: T): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  clear(): void {
    this.listeners.clear();
  }
}
