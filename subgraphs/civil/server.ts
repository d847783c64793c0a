import { runDepartmentMain } from '../kit';
import { civil } from './index';

runDepartmentMain(civil, 4008);
