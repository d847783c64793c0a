import { useCallback, useEffect, useState } from 'react';
import { graphql, type GraphQLErrorShape } from '../../shared/graphql';
import { useSession } from '../session';

export interface QueryState<T> {
  loading: boolean;
  data: T | null;
  errors: GraphQLErrorShape[];
  reload(): void;
}

/** Runs `query` with `variables` as the signed-in person whenever they (or the purpose or case) change. */
export function useQuery<T>(query: string, variables: Record<string, unknown> = {}, skip = false): QueryState<T> {
  const { session } = useSession();
  const [state, setState] = useState<{ loading: boolean; data: T | null; errors: GraphQLErrorShape[] }>({ loading: !skip, data: null, errors: [] });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (skip) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    void graphql<T>(session, query, JSON.parse(key)).then((result) => {
      if (current) setState({ loading: false, data: result.data, errors: result.errors });
    });
    return () => {
      current = false;
    };
  }, [query, key, session, tick, skip]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** Sends a mutation (or a query on demand) as the signed-in person. */
export function useRequest() {
  const { session } = useSession();
  return useCallback(<T>(query: string, variables: Record<string, unknown> = {}) => graphql<T>(session, query, variables), [session]);
}
