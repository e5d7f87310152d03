import { parse as parseYaml } from 'yaml';
import { csvRecords } from './csvRecords.js';

/** Terraform's decoding functions of a text. */
export type Decoder = 'jsondecode' | 'yamldecode' | 'csvdecode';

export function isDecoder(name: string): name is Decoder {
  return name === 'jsondecode' || name === 'yamldecode' || name === 'csvdecode';
}

/** Plain data, as JSON holds it: what Terraform's decoders give. */
export type PlainData = null | boolean | number | string | PlainData[] | { [key: string]: PlainData };

/**
 * What `jsondecode`, `yamldecode` or `csvdecode` gives for a text, as plain data; undefined when
 * the text does not decode (Terraform fails the run there, and nothing is known of it).
 */
export function decodedData(decoder: Decoder, text: string): PlainData | undefined {
  try {
    const decoded: unknown =
      decoder === 'jsondecode' ? JSON.parse(text) : decoder === 'csvdecode' ? csvRecords(text) : parseYaml(text);
    // Plain data only: YAML's dates, sets and anchors read as JSON reads them.
    return JSON.parse(JSON.stringify(decoded ?? null)) as PlainData;
  } catch {
    return undefined;
  }
}
