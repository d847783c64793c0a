import { WRITE_BACK_OUTCOMES_PATH } from '../../schema/contracts/writeBack';
import { SERVICE_PLATFORM, type DepartmentGet } from '../execute/departmentGet';

/**
 * How the follower asks the service platform for settled write-backs: `GET
 * /write-back-outcomes?after=SEQ&limit=N` with a gateway token, `{ outcomes: [...] }` back.
 */
export function writeBackOutcomesFrom(get: DepartmentGet): (after: number, limit: number) => Promise<unknown[]> {
  return async (after, limit) => {
    const body = (await get(SERVICE_PLATFORM, WRITE_BACK_OUTCOMES_PATH, { after: String(after), limit: String(limit) })) as { outcomes?: unknown } | null;
    if (!Array.isArray(body?.outcomes)) throw new Error(`the service platform answered ${WRITE_BACK_OUTCOMES_PATH} without an outcomes list`);
    return body.outcomes;
  };
}
