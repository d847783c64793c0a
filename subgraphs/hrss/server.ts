import { runDepartmentMain } from '../kit';
import { hrss } from './index';

runDepartmentMain(hrss, 4006);
