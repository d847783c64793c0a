import { runDepartmentMain } from '../kit';
import { population } from './index';

runDepartmentMain(population, 4001);
