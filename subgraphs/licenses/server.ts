import { runDepartmentMain } from '../kit';
import { licenses } from './index';

runDepartmentMain(licenses, 4003);
