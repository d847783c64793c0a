import { createDisclosureReplayer } from '../../gateway/execute';
import type { DepartmentRequestInit, DepartmentResponse } from '../../gateway/execute/departmentRequest';
import type { RequestReader } from '../../policies';
import { gatewayKeysOf, generateGatewayKeys } from '../../schema/contracts/gatewayToken';

const reader = (requestId: string): RequestReader => ({
  identity: { sub: 'staff-1', roles: ['reviewer'], dept: 'market', clearance: 3 },
  purpose: 'application-review',
  caseId: null,
  requestId,
});

/** A department that answers each replay request when told to, noting how many tokens each carried. */
function heldDepartment(status = 200) {
  const sent: number[] = [];
  const pending: (() => void)[] = [];
  const request = (_url: string, init: DepartmentRequestInit) =>
    new Promise<DepartmentResponse>((resolve) => {
      sent.push(1 + (JSON.parse(init.body ?? '{}') as { tokens: string[] }).tokens.length);
      pending.push(() => resolve({ ok: status < 300, status } as DepartmentResponse));
    });
  const answerAll = async () => {
    while (pending.length) {
      pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { sent, request, answerAll };
}

describe('createDisclosureReplayer', () => {
  it('three cached reads while the first is on its way → two requests to the department: one, then the other two together', async () => {
    const keys = await gatewayKeysOf((await generateGatewayKeys()).privateJwk);
    const department = heldDepartment();
    const replay = createDisclosureReplayer({ keys, urlOf: () => 'http://population.test/graphql', request: department.request, timeoutMs: 1000 });
    const reads = ['r1', 'r2', 'r3'].map((id) => replay(['population'], reader(id), 'r0'));
    await new Promise((resolve) => setImmediate(resolve));
    await department.answerAll();
    await Promise.all(reads);
    expect(department.sent).toEqual([1, 2]);
  });

  it('the department refuses the batch → every read of it rejects', async () => {
    const keys = await gatewayKeysOf((await generateGatewayKeys()).privateJwk);
    const department = heldDepartment(503);
    const replay = createDisclosureReplayer({ keys, urlOf: () => 'http://population.test/graphql', request: department.request, timeoutMs: 1000 });
    const reads = ['r1', 'r2'].map((id) =>
      replay(['population'], reader(id), 'r0').then(
        () => 'logged',
        () => 'refused',
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    await department.answerAll();
    expect(await Promise.all(reads)).toEqual(['refused', 'refused']);
  });
});
