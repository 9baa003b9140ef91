import { stringify } from 'yaml';

/**
 * The JSON text of a manifest as the API sends it, shown as YAML (what people write manifests
 * in). "null" or nothing is no object; text that is not JSON is shown as it is.
 */
export function manifestYaml(json: string | undefined): string | undefined {
  if (json === undefined || json.trim() === '' || json.trim() === 'null') return undefined;
  try {
    return stringify(JSON.parse(json), { lineWidth: 0, aliasDuplicateObjects: false });
  } catch {
    return json;
  }
}
