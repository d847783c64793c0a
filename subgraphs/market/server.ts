import { runDepartmentMain } from '../kit';
import { market } from './index';

runDepartmentMain(market, 4002);
