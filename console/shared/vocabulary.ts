/*
 * The platform's vocabulary as policies/vocabulary.yaml declares it, for the console's choice
 * lists. The graph has no field that lists them; the gateway still checks every value it is sent
 * (an undeclared X-Purpose is refused with the allowed ones), so a stale list only offers less.
 */

export const PURPOSES = ['application-review', 'service-acceptance', 'self-service', 'audit', 'statistics', 'license-verification', 'case-binding'] as const;

export const DEPARTMENTS = ['population', 'market', 'licenses', 'services', 'catalog', 'hrss', 'fund', 'civil', 'audit', 'statistics'] as const;

/** The departments that serve part of the graph (keep a disclosure log, own catalog fields). */
export const PROVIDING_DEPARTMENTS = ['population', 'market', 'licenses', 'services', 'catalog', 'hrss', 'fund', 'civil'] as const;
