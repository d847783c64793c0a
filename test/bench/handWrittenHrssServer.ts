// The hand-written hrss department of the bench's `exchange` section, in a process of its own (as `govgraph start` runs a department).
import { runDepartmentMain } from '../../subgraphs/kit';
import { handWrittenHrss } from './handWrittenHrss';

runDepartmentMain(handWrittenHrss, 0);
