import { isForbidden, type GraphQLErrorShape } from '../../shared/graphql';
import { useT } from '../i18n';

/** The errors of an answer in words: a denial says "not permitted for your roles", anything else its message. */
export function ErrorNote({ errors }: { errors: GraphQLErrorShape[] }) {
  const t = useT();
  if (!errors.length) return null;
  const forbidden = isForbidden(errors);
  const others = [...new Set(errors.filter((e) => !isForbidden([e])).map((e) => e.message))];
  return (
    <div className="note note-error" role="alert">
      {forbidden && <p>{t.notPermitted}</p>}
      {others.map((message) => (
        <p key={message}>
          {t.failed}
          {message}
        </p>
      ))}
    </div>
  );
}

export function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t.loading}
    </p>
  );
}
