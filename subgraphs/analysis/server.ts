import { runDepartmentMain } from '../kit';
import { analysis } from './index';

runDepartmentMain(analysis, 4009);
