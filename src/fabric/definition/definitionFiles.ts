// Item definitions as files: the base64 parts Fabric sends and receives, as path + bytes.
// Bytes, not text, so binary parts (report images, .dacpac, wheels) pass through untouched.
import type { ItemDefinition } from '../types';
import { decodeBase64, encodeBase64 } from './base64';
import { DefinitionError } from './DefinitionError';

export interface DefinitionFile {
  /** The part's path, `/`-separated, relative to the item folder (e.g. `notebook-content.py`). */
  path: string;
  content: Uint8Array;
}

/** The files of `definition`; a part whose payload is not base64 throws DefinitionError naming it. */
export function decodeDefinition(definition: ItemDefinition): DefinitionFile[] {
  return definition.parts.map((part) => {
    if (part.payloadType !== 'InlineBase64') {
      throw new DefinitionError(part.path, `Unsupported payloadType ${JSON.stringify(part.payloadType)}: only "InlineBase64" is defined.`);
    }
    const decoded = decodeBase64(part.payload);
    if ('problem' in decoded) throw new DefinitionError(part.path, `The payload is not valid base64: ${decoded.problem}.`);
    return { path: part.path, content: decoded.bytes };
  });
}

/** The definition Fabric expects for `files`; `format` is omitted when not given. */
export function encodeDefinition(files: readonly DefinitionFile[], format?: string): ItemDefinition {
  return {
    ...(format ? { format } : {}),
    parts: files.map((file) => ({ path: file.path, payload: encodeBase64(file.content), payloadType: 'InlineBase64' })),
  };
}

/** A text part's content (UTF-8, a byte order mark kept so writing it back gives the same bytes). */
export function fileText(file: DefinitionFile): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.content);
}

export function textFile(path: string, text: string): DefinitionFile {
  return { path, content: new TextEncoder().encode(text) };
}
