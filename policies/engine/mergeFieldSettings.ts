import type { FieldEntry, FieldSettings, TypeEntry } from './model';
import type { SupergraphField } from './readSupergraph';

/** A field's settings in force: its own over its type's defaults, and the SDL's description when it writes none. */
export interface MergedSettings extends Omit<FieldSettings, 'refused'> {
  /** Settings written but refused (a bad value or a misspelt name), already reported. */
  refused: ReadonlySet<string>;
  /** True when `read` is the type's default list: problems with those grants are reported at the field. */
  readFromDefaults: boolean;
}

/**
 * Applies a type's defaults to one field; a field's own setting replaces the default (`read`
 * and `write` as a whole, never merged; `cache: none` on a field keeps nothing whatever the
 * default says). A key field never takes the default `write`: keys are never written.
 */
export function mergeFieldSettings(type: TypeEntry, entry: FieldEntry, field: SupergraphField): MergedSettings {
  const settings = { ...type.defaults, ...entry.settings };
  return {
    description: settings.description ?? field.description ?? undefined,
    sharing: settings.sharing,
    sensitivity: settings.sensitivity,
    updateCycle: settings.updateCycle,
    read: settings.read,
    write: entry.settings.write ?? (field.isKey ? undefined : type.defaults.write),
    cache: settings.cache,
    refused: new Set([...(type.defaults.refused ?? []), ...(entry.settings.refused ?? [])]),
    readFromDefaults: entry.settings.read === undefined,
  };
}
