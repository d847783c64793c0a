/**
 * Mutual TLS between the gateway and the departments: the material both sides create, load and
 * check. `createCertificateAuthority` and `issueCertificate` (their own modules) are left out
 * here: they load the certificate library, which serving never needs.
 */
export { DEPARTMENT_TLS_ENV } from './departmentTlsEnv';
export { gatewayCertificateProblem } from './gatewayCertificateProblem';
export { devTlsFilesIn, loadOrCreateDevTls, type DevTlsFiles } from './loadOrCreateDevTls';
export { readTlsMaterial, TlsMaterialError } from './readTlsMaterial';
export { CLIENT_AUTH, DEFAULT_GATEWAY_NAME, SERVER_AUTH, type TlsFiles, type TlsMaterial } from './TlsMaterial';
