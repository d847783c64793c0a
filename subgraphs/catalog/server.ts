import { runDepartmentMain } from '../kit';
import { catalog } from './index';

runDepartmentMain(catalog, 4005);
