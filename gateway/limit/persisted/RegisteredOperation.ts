/** One operation a frontend may run in safelist mode, stored by the sha256 of its text. */
export interface RegisteredOperation {
  /** sha256 of `text`, lowercase hex: what a client sends as `extensions.persistedQuery.sha256Hash`. */
  hash: string;
  /** The operation's name; null for an anonymous one. */
  name: string | null;
  /** The document that runs: the operation and the fragments it uses. */
  text: string;
  /** When it was first registered (ISO 8601). */
  registeredAt: string;
}
