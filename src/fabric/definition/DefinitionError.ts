// The one error the codec throws: it names the definition part and, when known, the 1-based line
// and column, so the VS Code layer can put a diagnostic on the right spot and users see where to look.

export class DefinitionError extends Error {
  constructor(
    /** The part's path inside the definition, e.g. `notebook-content.py`. */
    readonly path: string,
    /** What is wrong, without the location (the full `message` adds it). */
    readonly reason: string,
    /** 1-based. */
    readonly line?: number,
    /** 1-based. */
    readonly column?: number,
  ) {
    super(`${path}${line === undefined ? '' : `:${line}${column === undefined ? '' : `:${column}`}`}: ${reason}`);
    this.name = 'DefinitionError';
  }
}
