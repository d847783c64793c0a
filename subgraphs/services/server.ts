import { runDepartmentMain } from '../kit';
import { services } from './index';

runDepartmentMain(services, 4004);
